using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Procurement.Grpc;

/// <summary>Per-application state of the gRPC server: options, interceptors, and the services mapped so far.</summary>
public sealed class GrpcServerRuntime
{
    private readonly Dictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public GrpcServerRuntime(GrpcServerOptions options, IServiceProvider services, ILoggerFactory loggerFactory)
    {
        Options = options;
        Logger = loggerFactory.CreateLogger("Procurement.Grpc.Server");
        InterceptorsInnermostFirst = options.Interceptors
            .Select(type => (ServerInterceptor)(services.GetService(type) ?? ActivatorUtilities.CreateInstance(services, type)))
            .Reverse()
            .ToArray();
    }

    public GrpcServerOptions Options { get; }
    internal ILogger Logger { get; }
    internal IReadOnlyList<ServerInterceptor> InterceptorsInnermostFirst { get; }
    internal bool StandardServicesMapped { get; set; }

    /// <summary>The services this server serves, by full name (what reflection lists).</summary>
    public IReadOnlyCollection<ServiceDescriptor> Services
    {
        get { lock (_gate) return _services.Values.ToArray(); }
    }

    public bool IsServed(string serviceName)
    {
        lock (_gate) return _services.ContainsKey(serviceName);
    }

    internal void Register(ServiceDescriptor descriptor)
    {
        lock (_gate)
        {
            if (!_services.TryAdd(descriptor.FullName, descriptor))
                throw new InvalidOperationException($"The gRPC service {descriptor.FullName} is mapped twice.");
        }
    }
}
