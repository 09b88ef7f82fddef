using System.Collections.Frozen;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Dev.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Gateway.Routing;

/// <summary>
/// THE route table: which cluster serves each gRPC service. The roles each call needs are declared once, in the
/// .proto (access.proto); the gateway and the services both enforce them, and the services check what the data
/// allows (a supplier's own bids, a commissioner's own lots), which the gateway cannot see.
/// </summary>
public static class GatewayRoutes
{
    public const string Tenders = "Tenders";
    public const string Bids = "Bids";
    public const string Moderation = "Moderation";
    public const string Awards = "Awards";

    /// <summary>Not a cluster: the gateway serves these itself (the development clock, passed on to every service).</summary>
    public const string Gateway = "Gateway";

    public static IReadOnlyList<GatewayRoute> All { get; } =
    [
        GatewayRoute.For(TenderService.Descriptor, Tenders),
        GatewayRoute.For(BidService.Descriptor, Bids),
        GatewayRoute.For(ModerationService.Descriptor, Moderation),
        GatewayRoute.For(AwardService.Descriptor, Awards),
        // DEVELOPMENT ONLY, answered by the gateway from all four services (refused unless Development:ClockControl).
        GatewayRoute.For(DevelopmentClock.Descriptor, Gateway),
    ];
}

/// <summary>
/// The routes this gateway serves: <see cref="GatewayRoutes.All"/>, plus any a host adds (a test's probe
/// service). One instance per gateway, from DI.
/// </summary>
public sealed class GatewayRouteTable
{
    private readonly FrozenDictionary<string, GatewayRoute> _byService;

    /// <exception cref="InvalidOperationException">A route names a service internal to the suite (access.proto's <c>internal</c>).</exception>
    public GatewayRouteTable(IEnumerable<GatewayRoute> routes)
    {
        All = [.. routes];
        if (All.SelectMany(route => route.Methods.Values).FirstOrDefault(Procurement.Identity.DeclaredAccess.IsInternal) is { } hidden)
            throw new InvalidOperationException(
                $"{hidden.FullName} is internal to the suite (its access says internal: true): the gateway must neither route nor describe it.");
        _byService = All.ToFrozenDictionary(route => route.Service, StringComparer.Ordinal);
    }

    public IReadOnlyList<GatewayRoute> All { get; }

    /// <summary>The clusters calls are forwarded to (not <see cref="GatewayRoutes.Gateway"/>).</summary>
    public IEnumerable<string> Clusters => Forwarded.Select(route => route.Cluster).Distinct();

    /// <summary>The routes YARP forwards: all but those the gateway answers itself.</summary>
    public IEnumerable<GatewayRoute> Forwarded => All.Where(route => route.Cluster != GatewayRoutes.Gateway);

    public GatewayRoute? Find(string service) => _byService.GetValueOrDefault(service);

    /// <summary>The method a path ("/service/method") names, if the gateway serves it.</summary>
    public Google.Protobuf.Reflection.MethodDescriptor? FindMethod(string? path)
    {
        var parts = (path ?? "").TrimStart('/').Split('/', 2);
        return parts.Length == 2 && Find(parts[0]) is { } route && route.Methods.TryGetValue(parts[1], out var method) ? method : null;
    }
}
