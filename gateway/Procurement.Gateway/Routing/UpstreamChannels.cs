using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Grpc.Core;

namespace Procurement.Gateway.Routing;

/// <summary>
/// A gRPC channel to each service behind the gateway, for what the gateway asks them itself (health, the development
/// clock) rather than forwards.
/// </summary>
public sealed class UpstreamChannels : IDisposable
{
    private readonly Dictionary<string, (string Address, GrpcChannel Channel)> _clusters;

    public UpstreamChannels(IOptions<GatewayOptions> options, GatewayRouteTable routes) =>
        _clusters = routes.Clusters.ToDictionary(
            cluster => cluster,
            cluster => (options.Value.AddressOf(cluster), GrpcChannel.ForAddress(options.Value.AddressOf(cluster))),
            StringComparer.OrdinalIgnoreCase);

    /// <summary>The clusters, in the route table's order.</summary>
    public IReadOnlyCollection<string> Clusters => _clusters.Keys;

    public string AddressOf(string cluster) => _clusters[cluster].Address;

    public GrpcChannel ChannelTo(string cluster) => _clusters[cluster].Channel;

    public void Dispose()
    {
        foreach (var (_, channel) in _clusters.Values) channel.Dispose();
    }
}
