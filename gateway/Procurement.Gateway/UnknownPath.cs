using Grpc.Core;
using Procurement.Gateway.Routing;
using Procurement.Identity;

namespace Procurement.Gateway;

/// <summary>What matched no endpoint: a gRPC call to a service or method the gateway does not route is UNIMPLEMENTED, never forwarded; anything else 404.</summary>
internal static class UnknownPath
{
    public static Task HandleAsync(HttpContext context)
    {
        if (!GrpcRefusal.IsGrpcCall(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var parts = (context.Request.Path.Value ?? "").TrimStart('/').Split('/', 2);
        var (service, method) = (parts[0], parts.Length == 2 ? parts[1] : "");
        var route = context.RequestServices.GetRequiredService<GatewayRouteTable>().Find(service);
        return GrpcRefusal.WriteAsync(context, StatusCode.Unimplemented, route is null
            ? $"Service {service} is not served here."
            : $"Method {method} is not implemented by service {service}.");
    }
}
