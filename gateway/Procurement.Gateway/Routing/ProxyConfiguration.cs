using System.Net;
using Procurement.Identity;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Procurement.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters from the route table: one route per method, authorized by that method's policy (named
/// after the method's full name, see <see cref="GatewayAuthorization"/>), forwarded over h2c.
/// </summary>
internal static class ProxyConfiguration
{
    // gRPC needs HTTP/2 end to end; on http:// this is h2c with prior knowledge, never a downgrade to HTTP/1.1.
    private static readonly ForwarderRequestConfig Http2Only = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public static IReadOnlyList<RouteConfig> Routes(IEnumerable<GatewayRoute> routes) =>
    [
        .. routes.SelectMany(route => route.Methods.Values.Select(method => new RouteConfig
        {
            RouteId = method.FullName,
            ClusterId = route.Cluster,
            // YARP's "anonymous" skips authorization (and the fallback policy): methods their .proto declares anonymous.
            AuthorizationPolicy = DeclaredAccess.IsAnonymous(method) ? "anonymous" : method.FullName,
            Match = new RouteMatch { Path = GatewayRoute.PathOf(method), Methods = ["POST"] },
        })),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayRouteTable table, GatewayOptions options) =>
    [
        .. table.Clusters.Select(cluster => new ClusterConfig
        {
            ClusterId = cluster,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [cluster] = new() { Address = options.AddressOf(cluster) },
            },
            HttpRequest = Http2Only,
        }),
    ];
}
