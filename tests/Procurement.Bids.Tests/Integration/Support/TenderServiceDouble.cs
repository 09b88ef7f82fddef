using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>
/// The tender service's GetTender as the bid service sees it, on a real gRPC server on loopback: the tenders a test
/// says are there, NOT_FOUND for the rest. It records the bearer token of each call (the bid service must send its
/// own). No other tender-service behaviour: these tests are about the bid service.
/// </summary>
public sealed class TenderServiceDouble : TenderService.TenderServiceBase, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Tender> _tenders = new();
    private WebApplication? _app;

    /// <summary>The port it listens on, once started.</summary>
    public int Port { get; private set; }
    public ConcurrentQueue<string> Tokens { get; } = new();

    public void Holds(Tender tender) => _tenders[tender.Id] = tender;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<TenderServiceDouble>();
        using var starting = new CancellationTokenSource(Procurement.Testing.TestInfrastructure.Timeout);
        await _app.StartAsync(starting.Token);
        Port = new Uri(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await Procurement.Testing.Bounded.StopAndDisposeAsync(_app, "tender service double");
        _app = null;
    }

    public override Task<Tender> GetTender(GetTenderRequest request, ServerCallContext context)
    {
        Tokens.Enqueue(context.RequestHeaders.GetValue("authorization") ?? "");
        return _tenders.TryGetValue(request.TenderId, out var tender)
            ? Task.FromResult(tender)
            : throw new RpcException(new Status(StatusCode.NotFound, $"Tender '{request.TenderId}' does not exist."));
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
