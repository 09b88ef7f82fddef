using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Grpc.Core;

namespace Procurement.Testing;

/// <summary>
/// One running instance of a service of the suite, wired as its Program wires it, on a loopback port
/// chosen by the system, with a gRPC channel to it. Its clock is the test's.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:40123 (for another service that calls it).</summary>
    public Uri Address { get; }
    public GrpcChannel Channel { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="section">The service's configuration section for Address and Port, e.g. "Tenders".</param>
    /// <param name="configuration">The rest of its configuration (connection string; a broker other than the shared one).</param>
    /// <param name="clock">Registered as the service's TimeProvider.</param>
    /// <param name="add">The service's own registration (AddTenderServices, …), plus what the test adds.</param>
    /// <param name="map">Its endpoint mapping (MapTenderServices, …).</param>
    /// <param name="migrate">Its migrations, applied before start (they create the database).</param>
    /// <param name="environment">The hosting environment (what a deployment would run unless a test needs Development).</param>
    public static async Task<TestService> StartAsync(
        string section, IDictionary<string, string?> configuration, TimeProvider clock,
        Action<WebApplicationBuilder> add, Action<WebApplication> map, Func<IServiceProvider, Task> migrate,
        string environment = "Production")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        var settings = new Dictionary<string, string?>
        {
            [$"{section}:Address"] = "127.0.0.1",
            [$"{section}:Port"] = "0",
            ["Messaging:RabbitMq"] = TestInfrastructure.RabbitMqUri.ToString(),
            // The bus gives up stopping well inside the bounded host stop (Bounded.StopAndDisposeAsync, 30 s): after a
            // broker outage MassTransit may wait out its whole stop timeout, which by default is those same 30 s.
            ["Messaging:BusStartStopTimeout"] = "00:00:10",
            ["Identity:AllowDevelopmentKey"] = "true",
            // The bid service signs receipts with the public development key, as tokens are checked with the development key.
            ["Receipts:AllowDevelopmentKey"] = "true",
        };
        foreach (var (key, value) in configuration) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(clock);
        add(builder);

        var app = builder.Build();
        map(app);
        await migrate(app.Services);
        using var starting = new CancellationTokenSource(TestInfrastructure.Timeout);
        await app.StartAsync(starting.Token);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestService(app, new Uri(address));
    }

    /// <summary>Runs <paramref name="work"/> in a scope of the service's container (e.g. to read its database).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Stops the host (background services included) as a shutdown would.</summary>
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Bounded.StopAndDisposeAsync(_app, Address.ToString());
    }
}
