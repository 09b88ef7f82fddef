using Procurement.Gateway.Routing;
using Procurement.Grpc;
using Procurement.Identity;

namespace Procurement.Gateway.Admission;

/// <summary>
/// First step for every gRPC call to a service: finds its route (an unknown service or method is answered
/// UNIMPLEMENTED here and never forwarded) and checks its bearer token. The outcome is only recorded, so
/// that the rate limiter can count the call by its subject; <see cref="CallAdmissionMiddleware"/> refuses.
/// The gateway's own endpoints (grpc.health.v1.Health, /healthz) pass untouched and need no token.
/// </summary>
internal sealed class CallAuthenticationMiddleware(RequestDelegate next, AccessTokenValidator validator, GatewayRouteTable routes)
{
    private const string BearerPrefix = "Bearer ";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsGrpcCall(context.Request) || GatewayEndpoints.IsOwn(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (!HttpProtocol.IsHttp2(context.Request.Protocol))
        {
            // gRPC needs HTTP/2 trailers: an HTTP/1.1 request (say, to the health port) cannot be a call.
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        var (service, method) = Split(context.Request.Path.Value ?? "");
        if (routes.Find(service) is not { } route)
        {
            await GrpcRefusal.WriteAsync(context, StatusCode.Unimplemented, $"Service {service} is not served here.");
            return;
        }
        if (!route.HasMethod(method))
        {
            await GrpcRefusal.WriteAsync(context, StatusCode.Unimplemented, $"Method {method} is not implemented by service {service}.");
            return;
        }

        var call = new GatewayCall(route, method);
        call.AttachTo(context);
        call.Token = await validator.ValidateAsync(BearerToken(context.Request), context.RequestAborted);
        await next(context);
    }

    internal static bool IsGrpcCall(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.ContentType is { } type
        && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)
        && (type.Length == "application/grpc".Length || type["application/grpc".Length] is '+' or ';');

    // "/procurement.tender.v1.TenderService/Publish" → ("procurement.tender.v1.TenderService", "Publish").
    private static (string Service, string Method) Split(string path)
    {
        var parts = path.TrimStart('/').Split('/', 2);
        return (parts[0], parts.Length == 2 ? parts[1] : "");
    }

    /// <summary>The token of an "authorization: Bearer …" header (scheme case-insensitive, RFC 6750); null for anything else.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString();
        return value.Length > BearerPrefix.Length && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? value[BearerPrefix.Length..].Trim()
            : null;
    }
}
