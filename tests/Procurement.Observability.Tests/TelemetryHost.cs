using Procurement.Testing;
using Grpc.Net.Client;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using Grpc.AspNetCore.Server;
using Grpc.Health.V1;
using Procurement.Hosting;

namespace Procurement.Observability.Tests;

/// <summary>A host wired like the services (AddProcurementTelemetry, Grpc.AspNetCore), serving grpc.health.v1.Health.</summary>
public sealed class TelemetryHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TelemetryHost(WebApplication app, Uri address)
    {
        _app = app;
        Channel = GrpcChannel.ForAddress(address);
        Client = new Health.HealthClient(Channel.WithDeadlinesRequired());
    }

    public GrpcChannel Channel { get; }
    public Health.HealthClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="slim">The slim builder (most tests), or the full one the services' Program uses (its console logger differs).</param>
    public static async Task<TelemetryHost> StartAsync(string serviceName, IDictionary<string, string?> configuration, Action<GrpcServiceOptions>? grpc = null, bool slim = true)
    {
        var options = new WebApplicationOptions { EnvironmentName = "Production" };
        var builder = slim ? WebApplication.CreateSlimBuilder(options) : WebApplication.CreateBuilder(options);
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.AddProcurementTelemetry(serviceName);
        builder.Services.AddProcurementGrpc();
        if (grpc is not null) builder.Services.Configure(grpc);
        var app = builder.Build();
        app.MapProcurementGrpc();
        await app.StartAsync();
        return new TelemetryHost(app, new Uri(app.Urls.First()));
    }

    /// <summary>Runs <paramref name="call"/> under a parent span of a known trace, as if a caller had sent a traceparent.</summary>
    public static async Task<ActivityTraceId> UnderNewTraceAsync(Func<Task> call)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var parent = new Activity("test caller").SetParentId(trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        await call();
        return trace;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
