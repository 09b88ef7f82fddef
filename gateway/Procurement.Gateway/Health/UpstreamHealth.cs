using Grpc.Health.V1;
using Microsoft.Extensions.Options;
using Procurement.Gateway.Routing;
using Procurement.Grpc;

namespace Procurement.Gateway.Health;

/// <summary>What one service answered to grpc.health.v1.Health/Check (the whole server, ""), or why it did not.</summary>
public sealed record ServiceHealth(string Cluster, string Address, string Status, string? Detail = null)
{
    public bool IsServing => Status == nameof(HealthCheckResponse.Types.ServingStatus.Serving).ToUpperInvariant();
}

/// <summary>Asks every service behind the gateway for its health, in parallel, each within Gateway:HealthCheckTimeout.</summary>
public sealed class UpstreamHealth : IDisposable
{
    private readonly Dictionary<string, (string Address, GrpcChannel Channel)> _clusters;
    private readonly TimeSpan _timeout;

    public UpstreamHealth(IOptions<GatewayOptions> options, GatewayRouteTable routes)
    {
        _timeout = options.Value.HealthCheckTimeout;
        _clusters = routes.Clusters.ToDictionary(
            cluster => cluster,
            cluster => (options.Value.AddressOf(cluster), GrpcChannel.ForAddress(options.Value.AddressOf(cluster))),
            StringComparer.OrdinalIgnoreCase);
    }

    public async Task<IReadOnlyList<ServiceHealth>> CheckAllAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_clusters.Keys.Select(cluster => CheckAsync(cluster, cancellationToken)));

    public async Task<ServiceHealth> CheckAsync(string cluster, CancellationToken cancellationToken)
    {
        var (address, channel) = _clusters[cluster];
        try
        {
            var response = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(
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

    public void Dispose()
    {
        foreach (var (_, channel) in _clusters.Values) channel.Dispose();
    }
}
