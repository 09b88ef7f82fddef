using System.Collections.Frozen;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Procurement.Grpc;
using Procurement.Identity;

namespace Procurement.Gateway.Routing;

/// <summary>
/// One gRPC service behind the gateway: the cluster that serves it, the roles its methods need, and the
/// methods it has. A method's own roles replace the service's; no roles at
/// all admit any authenticated caller.
/// </summary>
public sealed record GatewayRoute
{
    private GatewayRoute(string service, string cluster, IReadOnlySet<string> methods)
    {
        Service = service;
        Cluster = cluster;
        Methods = methods;
    }

    /// <summary>The full service name, e.g. "procurement.tender.v1.TenderService": the first segment of the path.</summary>
    public string Service { get; }

    /// <summary>The YARP cluster, named as in Gateway:Services (e.g. "Tenders").</summary>
    public string Cluster { get; }

    /// <summary>The methods of the service, from its descriptor: any other is answered UNIMPLEMENTED here.</summary>
    public IReadOnlySet<string> Methods { get; }

    /// <summary>Roles for every method without its own; null: any authenticated caller.</summary>
    public RequiredRoles? ServiceRoles { get; private init; }

    public IReadOnlyDictionary<string, RequiredRoles> MethodRoles { get; private init; } = FrozenDictionary<string, RequiredRoles>.Empty;

    /// <summary>The path YARP matches, e.g. "/procurement.tender.v1.TenderService/{**method}".</summary>
    public string PathPattern => $"/{Service}/{{**method}}";

    public static GatewayRoute For(ServiceDescriptor service, string cluster) =>
        new(service.FullName, cluster, service.Methods.Select(m => m.Name).ToFrozenSet(StringComparer.Ordinal));

    public GatewayRoute RequireForService(params Role[] anyOf) => this with { ServiceRoles = new RequiredRoles(anyOf) };

    public GatewayRoute Require(Method method, params Role[] anyOf)
    {
        if (method.ServiceName != Service)
            throw new ArgumentException($"{method.FullName} is not a method of {Service}.", nameof(method));
        return this with { MethodRoles = new Dictionary<string, RequiredRoles>(MethodRoles) { [method.Name] = new RequiredRoles(anyOf) } };
    }

    public bool HasMethod(string method) => Methods.Contains(method);

    /// <summary>What a call of this method needs; null: any authenticated caller.</summary>
    public RequiredRoles? RolesFor(string method) =>
        MethodRoles.TryGetValue(method, out var roles) ? roles : ServiceRoles;
}
