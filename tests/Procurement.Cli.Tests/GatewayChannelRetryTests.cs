using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Cli.Calls;
using Procurement.Contracts.Tender.V1;
using Procurement.Hosting;

namespace Procurement.Cli.Tests;

/// <summary>The CLI's channel tries a call answered UNAVAILABLE again, with backoff within its deadline; no other status.</summary>
public sealed class GatewayChannelRetryTests : IAsyncLifetime
{
    private readonly FlakyTenders _tenders = new();
    private WebApplication _gateway = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_tenders);
        _gateway = builder.Build();
        _gateway.MapGrpcService<FlakyTenders>();
        await _gateway.StartAsync();
        _address = new Uri(_gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await Bounded.StopAndDisposeAsync(_gateway, "fake gateway");

    [Fact]
    public async Task A_call_answered_UNAVAILABLE_is_tried_again_and_succeeds()
    {
        _tenders.Failures.Enqueue(StatusCode.Unavailable);
        _tenders.Failures.Enqueue(StatusCode.Unavailable);
        using var channel = GatewayChannel.Create(_address);
        var client = new TenderService.TenderServiceClient(channel.WithDeadlinesRequired());

        var tender = await client.GetTenderAsync(new GetTenderRequest { TenderId = "t-1" }, deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal("t-1", tender.Id);
        Assert.Equal(3, _tenders.Attempts);
    }

    [Fact]
    public async Task It_gives_up_after_the_policys_attempts_with_the_last_status()
    {
        for (var i = 0; i < 10; i++) _tenders.Failures.Enqueue(StatusCode.Unavailable);
        using var channel = GatewayChannel.Create(_address);
        var client = new TenderService.TenderServiceClient(channel.WithDeadlinesRequired());

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetTenderAsync(new GetTenderRequest { TenderId = "t-1" }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal(GatewayChannel.MaxAttempts, _tenders.Attempts);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.FailedPrecondition)]
    public async Task Any_other_status_is_not_tried_again(StatusCode status)
    {
        _tenders.Failures.Enqueue(status);
        using var channel = GatewayChannel.Create(_address);
        var client = new TenderService.TenderServiceClient(channel.WithDeadlinesRequired());

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetTenderAsync(new GetTenderRequest { TenderId = "t-1" }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

        Assert.Equal(status, failure.StatusCode);
        Assert.Equal(1, _tenders.Attempts);
    }

    /// <summary>Answers with the queued failures first, then the tender asked for.</summary>
    public sealed class FlakyTenders : TenderService.TenderServiceBase
    {
        private int _attempts;
        public System.Collections.Concurrent.ConcurrentQueue<StatusCode> Failures { get; } = new();
        public int Attempts => Volatile.Read(ref _attempts);

        public override Task<Tender> GetTender(GetTenderRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref _attempts);
            return Failures.TryDequeue(out var status)
                ? throw new RpcException(new Status(status, $"{status} on purpose"))
                : Task.FromResult(new Tender { Id = request.TenderId });
        }
    }
}
