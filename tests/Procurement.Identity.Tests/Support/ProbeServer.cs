using Grpc.Net.Client;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using Procurement.Identity.Tests.Protos;
using Procurement.Hosting;
using Procurement.Testing;

namespace Procurement.Identity.Tests.Support;

/// <summary>
/// A real Kestrel gRPC server wired as a service would be: AddProcurementIdentity, the caller
/// declared access of each method. Runs as "Production" with AllowDevelopmentKey, as integration
/// tests are meant to; the token clock is a <see cref="ManualTimeProvider"/>.
/// </summary>
public class ProbeServer : IAsyncLifetime
{
    private WebApplication? _app;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public GrpcChannel Channel { get; private set; } = null!;
    public IdentityProbe.IdentityProbeClient Probe => new(Channel.WithDeadlinesRequired());
    public DecisionProbe.DecisionProbeClient Decisions => new(Channel.WithDeadlinesRequired());
    public OpenProbe.OpenProbeClient Open => new(Channel.WithDeadlinesRequired());

    /// <summary>Configuration a variant fixture may change before start.</summary>
    protected Dictionary<string, string?> Settings { get; } = new() { ["Identity:AllowDevelopmentKey"] = "true" };

    public virtual async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.AddProcurementIdentity();
        builder.Services.AddProcurementGrpc();

        _app = builder.Build();
        _app.MapGrpcServiceWithDeclaredAccess<IdentityProbeService>();
        _app.MapGrpcServiceWithDeclaredAccess<DecisionProbeService>();
        _app.MapGrpcService<OpenProbeService>().AllowAnonymous();
        _app.MapProcurementGrpc();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Channel = GrpcChannel.ForAddress(new Uri(address));
    }

    /// <summary>A token for this caller from the server's own clock, valid for an hour.</summary>
    public string TokenFor(Caller caller) => DevelopmentTokens.Issue(caller, TimeSpan.FromHours(1), Clock);

    public static CallOptions Bearer(string token) => WithHeader("Bearer " + token);

    /// <summary>Options carrying this authorization header as it is (or none), with a bounded deadline.</summary>
    public static CallOptions WithHeader(string? authorization) => new(
        headers: authorization is null ? null : new Metadata { { "authorization", authorization } },
        deadline: DateTime.UtcNow + TestInfrastructure.Timeout);

    /// <summary>No token, with a bounded deadline.</summary>
    public static CallOptions Anonymous => WithHeader(null);

    public virtual async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
