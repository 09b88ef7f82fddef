using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Interop;

namespace Procurement.Grpc.Tests.Support;

/// <summary>
/// A real Kestrel server on loopback serving the interop TestService and the RuntimeTest service:
/// one cleartext HTTP/2 port, and one HTTP/1.1 port (to see what a non-HTTP/2 caller gets).
/// </summary>
public class GrpcTestServer : IAsyncLifetime
{
    private WebApplication? _app;

    public Observations Observations { get; } = new();
    public Uri Address { get; private set; } = null!;
    public Uri Http1Address { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    /// <summary>A plain HTTP/2 client, for requests the gRPC client would never send.</summary>
    public HttpClient Raw { get; } = new(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    /// <summary>Server options for a variant fixture (derive and set in the constructor).</summary>
    protected Action<GrpcServerOptions>? Configure { get; set; }
    protected Action<IServiceCollection>? ConfigureServices { get; set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenGrpc(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            ConfigureKestrel(kestrel);
        });
        builder.Services.AddGrpcServer(Configure);
        builder.Services.AddSingleton(Observations);
        builder.Services.AddSingleton<TestServiceImpl>();
        ConfigureServices?.Invoke(builder.Services);
        _app = builder.Build();
        _app.MapGrpcService<TestServiceImpl>();
        _app.MapGrpcService<RuntimeTestService>();
        // A plain HTTP endpoint that answers like a misconfigured proxy would.
        _app.MapPost("/plain.Http/{status:int}", (int status) => Results.StatusCode(status));
        await _app.StartAsync();

        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        AllAddresses = addresses;
        Address = addresses[0];
        Http1Address = addresses[1];
        Channel = GrpcChannel.ForAddress(Address);
    }

    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra listeners for a variant fixture (e.g. TLS); the first two are always cleartext HTTP/2 and HTTP/1.1.</summary>
    protected virtual void ConfigureKestrel(KestrelServerOptions kestrel) { }

    public IReadOnlyList<Uri> AllAddresses { get; private set; } = [];

    public GrpcChannel CreateChannel(GrpcChannelOptions options) => GrpcChannel.ForAddress(Address, options);

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        Raw.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
