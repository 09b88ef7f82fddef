using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Procurement.Identity;

public static class CallerContextExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>The caller whose token was accepted; UNAUTHENTICATED when there is none (an anonymous method).</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.GetHttpContext().GetCaller();

    public static Caller? FindCaller(this ServerCallContext context) => context.GetHttpContext().FindCaller();

    public static Caller GetCaller(this HttpContext http) =>
        http.FindCaller() ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "This call has no authenticated caller."));

    public static Caller? FindCaller(this HttpContext http) =>
        http.Items.TryGetValue(CallerKey, out var caller) ? caller as Caller : null;

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Items[CallerKey] = caller;
}
