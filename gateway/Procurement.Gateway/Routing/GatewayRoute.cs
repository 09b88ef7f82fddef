using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Procurement.Gateway.Routing;

/// <summary>
/// One gRPC service behind the gateway: the cluster that serves it and its methods, from its descriptor. What each
/// method needs (roles) is what its .proto declares (Procurement.Identity.DeclaredAccess), read from the same descriptor.
/// </summary>
public sealed record GatewayRoute
{
    private GatewayRoute(ServiceDescriptor descriptor, string cluster)
    {
        Descriptor = descriptor;
        Cluster = cluster;
        Methods = descriptor.Methods.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
    }

    public ServiceDescriptor Descriptor { get; }

    /// <summary>The full service name, e.g. "procurement.tender.v1.TenderService": the first segment of the path.</summary>
    public string Service => Descriptor.FullName;

    /// <summary>The YARP cluster, named as in Gateway:Services (e.g. "Tenders").</summary>
    public string Cluster { get; }

    /// <summary>The methods of the service by name: any other is answered UNIMPLEMENTED here.</summary>
    public IReadOnlyDictionary<string, MethodDescriptor> Methods { get; }

    public static GatewayRoute For(ServiceDescriptor service, string cluster) => new(service, cluster);

    public bool HasMethod(string method) => Methods.ContainsKey(method);

    /// <summary>The path of a method, e.g. "/procurement.tender.v1.TenderService/Publish".</summary>
    public static string PathOf(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";
}
