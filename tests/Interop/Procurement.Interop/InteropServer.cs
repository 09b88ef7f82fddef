using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Grpc;

namespace Procurement.Interop;

/// <summary>Hosts <see cref="TestServiceImpl"/> on a cleartext HTTP/2 port (0 picks a free one).</summary>
public static class InteropServer
{
    public static async Task<WebApplication> StartAsync(int port, IPAddress? address = null, LogLevel minimumLogLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenGrpc(address ?? IPAddress.Loopback, port);
        });
        builder.Services.AddGrpcServer();
        builder.Services.AddSingleton<TestServiceImpl>();
        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();
        return app;
    }

    public static int BoundPort(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First()).Port;
    }
}
