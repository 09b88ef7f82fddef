using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Gateway.Logging;
using Procurement.Gateway.Routing;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Gateway.Tests.Support;

/// <summary>
/// The gateway as Program wires it (AddGateway, MapGateway) on loopback ports chosen by the system, every
/// cluster pointing at <c>backends</c> unless the configuration says otherwise, trusting the development key,
/// on the test's clock. Records its logs; a gRPC channel and an HTTP/1.1 client reach it.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, RecordedLogs logs, TimeProvider clock)
    {
        _app = app;
        Logs = logs;
        Clock = clock;
        var listeners = app.Services.GetRequiredService<GatewayListeners>();
        GrpcAddress = new Uri($"http://127.0.0.1:{listeners.GrpcEndPoint.Port}");
        HttpAddress = new Uri($"http://127.0.0.1:{listeners.HttpEndPoint!.Port}");
        ManagementAddress = new Uri($"http://127.0.0.1:{listeners.ManagementEndPoint!.Port}");
        Channel = GrpcChannel.ForAddress(GrpcAddress);
    }

    public Uri GrpcAddress { get; }
    public Uri HttpAddress { get; }

    /// <summary>The operators' listener (loopback): /healthz with the services' addresses.</summary>
    public Uri ManagementAddress { get; }
    public GrpcChannel Channel { get; }
    public RecordedLogs Logs { get; }
    public IServiceProvider Services => _app.Services;
    public TimeProvider Clock { get; }

    public IEnumerable<LogEntry> AccessLog => Logs.Entries.Where(e => e.Category == AccessLogMiddleware.Category);

    /// <summary>The probe service (Protos/probe.proto) on the Awards cluster, open to the roles that read awards.</summary>
    public static GatewayRoute ProbeRoute { get; } = GatewayRoute.For(Probe.ProbeService.Descriptor, GatewayRoutes.Awards);

    public static async Task<GatewayHost> StartAsync(Uri backends, TimeProvider clock, IDictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:Address"] = "127.0.0.1",
            ["Gateway:Port"] = "0",
            ["Gateway:HttpPort"] = "0",
            ["Gateway:ManagementPort"] = "0",
            ["Identity:AllowDevelopmentKey"] = "true",
        };
        foreach (var cluster in new[] { "Tenders", "Bids", "Moderation", "Awards" })
            settings[$"Gateway:Services:{cluster}"] = backends.ToString();
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>()) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);

        var logs = new RecordedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(AccessLogMiddleware.Category, LogLevel.Debug);
        builder.Logging.AddFilter(typeof(Procurement.Gateway.Routing.ForwardingMiddleware).FullName, LogLevel.Debug);   // its retries
        builder.Services.AddSingleton(clock);
        builder.Services.AddKeyedSingleton(GatewayOptions.ElapsedTimeKey, clock);
        builder.AddGateway(ProbeRoute);

        var app = builder.Build();
        app.MapGateway();
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await app.StartAsync(starting.Token);
        return new GatewayHost(app, logs, clock);
    }

    /// <summary>Call options for a person, with a development token issued on the gateway's clock.</summary>
    public CallOptions As(Caller caller) => TestCalls.As(caller, Clock);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var stopping = new CancellationTokenSource(TestInfrastructure.Timeout);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
