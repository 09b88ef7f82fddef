using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Procurement.Identity;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Admission;

/// <summary>
/// The first check of every request, before its token is read: headers within <see cref="HeaderLimits"/> (refused
/// per call, so that no caller's headers cost the connection its other calls), and on a routed path nothing but a gRPC
/// call over HTTP/2 — anything else is refused here and never forwarded, whatever token it carries.
/// </summary>
internal sealed class CallShapeMiddleware(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private const string NotACall = "This path takes gRPC calls only: POST with content-type application/grpc over HTTP/2.";

    private readonly HeaderLimits _limits = options.Value.Headers;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var call = GrpcRefusal.IsGrpcCall(request);
        if (HeaderProblem(request.Headers, _limits) is { } problem)
            return call ? GrpcRefusal.WriteAsync(context, problem.Status, problem.Message) : PlainAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, problem.Message);

        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null) return next(context);
        if (call && HttpProtocol.IsHttp2(request.Protocol)) return next(context);
        if (call)
            return GrpcRefusal.WriteAsync(context, StatusCode.Unimplemented, "gRPC calls need HTTP/2 (h2c); this one came over HTTP/1.x.");
        if (ClaimsGrpc(request))
            return GrpcRefusal.WriteAsync(context, StatusCode.Unimplemented,
                "Only gRPC over HTTP/2 with content-type application/grpc is served here; gRPC-Web and other variants are not.");
        return PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, NotACall);
    }

    /// <summary>What is wrong with the headers of a request, as a gRPC status, or null.</summary>
    internal static (StatusCode Status, string Message)? HeaderProblem(IHeaderDictionary headers, HeaderLimits limits)
    {
        if (headers.Authorization is { Count: > 0 } authorization && authorization.Sum(v => v?.Length ?? 0) is var tokenSize && tokenSize > limits.MaxFieldSize)
            return (StatusCode.Unauthenticated, $"The bearer token is {Bytes(tokenSize)} bytes; the gateway accepts at most {Bytes(limits.MaxFieldSize)}.");

        var (count, total) = (0, 0L);
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                var size = value?.Length ?? 0;
                total += name.Length + size;
                if (size > limits.MaxFieldSize)
                    return (StatusCode.ResourceExhausted, $"The header {Excerpt(name)} is {Bytes(size)} bytes; the gateway accepts at most {Bytes(limits.MaxFieldSize)} per header.");
            }
        }
        if (count > limits.MaxCount)
            return (StatusCode.ResourceExhausted, $"The call has {Bytes(count)} header fields; the gateway accepts at most {Bytes(limits.MaxCount)}.");
        if (total > limits.MaxTotalSize)
            return (StatusCode.ResourceExhausted, $"The call's headers are {Bytes(total)} bytes; the gateway accepts at most {Bytes(limits.MaxTotalSize)}.");
        return null;
    }

    // application/grpc-web, application/grpc-web-text…: a gRPC client of a kind the gateway does not serve.
    private static bool ClaimsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return context.Response.WriteAsync(message + "\n");
    }

    private static string Bytes(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A header's name as the caller sent it, cut short and reduced to the characters a header name may hold.
    private static string Excerpt(string name)
    {
        var kept = new string([.. name.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '?')]);
        return name.Length > 40 ? $"'{kept}…'" : $"'{kept}'";
    }
}
