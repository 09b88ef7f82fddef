using System.Threading.Channels;
using Grpc.Health.V1;

namespace Procurement.Grpc.Health;

using ServingStatus = HealthCheckResponse.Types.ServingStatus;

/// <summary>
/// The serving status of the server ("") and of each service. A mapped service counts as SERVING
/// until its status is set; the application sets NOT_SERVING while a dependency is down.
/// </summary>
public sealed class HealthStatusRegistry(GrpcServerRuntime runtime)
{
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly List<(string Service, ChannelWriter<ServingStatus> Writer)> _watchers = [];
    private readonly Lock _gate = new();

    public void SetStatus(string service, ServingStatus status)
    {
        lock (_gate)
        {
            _statuses[service] = status;
            foreach (var (watched, writer) in _watchers)
                if (watched == service) writer.TryWrite(status);
        }
    }

    /// <summary>The status, or null when the name is neither set nor a served service.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (_gate) return Lookup(service);
    }

    /// <summary>Starts watching: the current status first, then every change, until disposed.</summary>
    public Watch StartWatch(string service)
    {
        var channel = Channel.CreateUnbounded<ServingStatus>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            channel.Writer.TryWrite(Lookup(service) ?? ServingStatus.ServiceUnknown);
            _watchers.Add((service, channel.Writer));
        }
        return new Watch(this, service, channel);
    }

    private ServingStatus? Lookup(string service)
    {
        if (_statuses.TryGetValue(service, out var status)) return status;
        if (service.Length == 0 || runtime.IsServed(service)) return ServingStatus.Serving;
        return null;
    }

    public sealed class Watch(HealthStatusRegistry registry, string service, Channel<ServingStatus> channel) : IDisposable
    {
        public ChannelReader<ServingStatus> Changes => channel.Reader;

        public void Dispose()
        {
            lock (registry._gate) registry._watchers.Remove((service, channel.Writer));
            channel.Writer.TryComplete();
        }
    }
}
