using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Procurement.Grpc;

namespace Procurement.Identity;

public static class CallerContextExtensions
{
    private static readonly object CallerKey = new();

    /// <summary>The caller the authentication interceptor admitted; UNAUTHENTICATED when there is none (an anonymous method, or no interceptor).</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        context.FindCaller() ?? throw new RpcException(StatusCode.Unauthenticated, "This call has no authenticated caller.");

    public static Caller? FindCaller(this ServerCallContext context) =>
        context.HttpContext?.Items.TryGetValue(CallerKey, out var caller) == true ? caller as Caller : null;

    internal static void SetCaller(this HttpContext http, Caller caller)
    {
        http.Items[CallerKey] = caller;
        // Also the ASP.NET Core user, so logging and anything reading HttpContext.User sees who called.
        http.User = new ClaimsPrincipal(CallerClaims.ToIdentity(caller));
    }
}
