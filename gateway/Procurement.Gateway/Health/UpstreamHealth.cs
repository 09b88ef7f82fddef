using Grpc.Health.V1;
using Microsoft.Extensions.Options;
using Procurement.Gateway.Routing;
using Grpc.Core;

namespace Procurement.Gateway.Health;

/// <summary>What one service answered to grpc.health.v1.Health/Check (the whole server, ""), or why it did not.</summary>
public sealed record ServiceHealth(string Cluster, string Address, string Status, string? Detail = null)
{
    public bool IsServing => Status == nameof(HealthCheckResponse.Types.ServingStatus.Serving).ToUpperInvariant();
}

/// <summary>Asks every service behind the gateway for its health, in parallel, each within Gateway:HealthCheckTimeout.</summary>
public sealed class UpstreamHealth(IOptions<GatewayOptions> options, UpstreamChannels upstream)
{
    private readonly TimeSpan _timeout = options.Value.HealthCheckTimeout;

    public async Task<IReadOnlyList<ServiceHealth>> CheckAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(upstream.Clusters.Select(cluster => CheckAsync(cluster, cancellationToken)));

    public async Task<ServiceHealth> CheckAsync(string cluster, CancellationToken cancellationToken)
    {
        var address = upstream.AddressOf(cluster);
        try
        {
            var response = await new global::Grpc.Health.V1.Health.HealthClient(upstream.ChannelTo(cluster)).CheckAsync(
                new HealthCheckRequest { Service = "" },
                new CallOptions(deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken));
            return new ServiceHealth(cluster, address, Name(response.Status));
        }
        catch (RpcException ex)
        {
            return new ServiceHealth(cluster, address, ex.StatusCode.ToString().ToUpperInvariant(), ex.Status.Detail);
        }
    }

    private static string Name(HealthCheckResponse.Types.ServingStatus status) => status switch
    {
        HealthCheckResponse.Types.ServingStatus.Serving => "SERVING",
        HealthCheckResponse.Types.ServingStatus.NotServing => "NOT_SERVING",
        HealthCheckResponse.Types.ServingStatus.ServiceUnknown => "SERVICE_UNKNOWN",
        _ => "UNKNOWN",
    };
}
