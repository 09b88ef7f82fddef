using Grpc.Health.V1;
using Procurement.Gateway.Routing;
using Procurement.Grpc;

namespace Procurement.Gateway.Health;

using ServingStatus = HealthCheckResponse.Types.ServingStatus;

/// <summary>
/// grpc.health.v1.Health answered by the gateway itself, without a token: "" is the gateway (SERVING while it
/// runs); a routed service's name, e.g. "procurement.tender.v1.TenderService", is that service's own answer,
/// asked through the gateway's channel; any other name is NOT_FOUND. Watch is not offered (UNIMPLEMENTED).
/// </summary>
internal sealed class GatewayHealthService(UpstreamHealth upstream, GatewayRouteTable routes) : global::Grpc.Health.V1.Health.HealthBase
{
    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        if (request.Service.Length == 0) return new HealthCheckResponse { Status = ServingStatus.Serving };
        var route = routes.Find(request.Service)
            ?? throw new RpcException(StatusCode.NotFound, $"Unknown service '{request.Service}'.");
        var health = await upstream.CheckAsync(route.Cluster, context.CancellationToken);
        return new HealthCheckResponse { Status = health.IsServing ? ServingStatus.Serving : ServingStatus.NotServing };
    }
}
