using Procurement.Bids.Messaging;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// Both services on a RabbitMQ node of this class's own, which the test stops: the tender service
/// publishes a tender while the broker is down, and the bid service learns it once the broker is back.
/// </summary>
public sealed class BrokerOutageTests : ServicesTestBase
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(90);
    private PrivateRabbitMqNode? _node;

    protected override Uri Broker => _node!.Uri;

    public override async Task InitializeAsync()
    {
        _node = await PrivateRabbitMqNode.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            if (_node is not null) await _node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_tender_published_while_RabbitMQ_is_down_reaches_the_bid_service_once_after_it_is_back()
    {
        await _node!.StopAppAsync();

        // Publication succeeds: the event waits in the tender service's outbox, committed with the tender.
        var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = KentAndEssex.Tender() }, As(KentAndEssex.Officer));
        var published = await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(KentAndEssex.Officer));
        Assert.Equal(TenderStatus.Published, published.Status);
        await Eventually.True(async () => (await TenderOutboxAsync()).Single().LastError is not null, "a publish attempt failed");
        Assert.Null((await TenderOutboxAsync()).Single().PublishedAt);
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Bids.SubmitBidAsync(KentAndEssex.Bid(published.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport)));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        await _node.StartAppAsync();

        // The dispatcher retries on the service's clock: let a second pass on it while the broker recovers.
        await Eventually.True(async () =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return await BidServiceKnowsNowAsync(published.Id, revision: 1);
        }, "the bid service learned the tender after the broker came back", RecoveryBound);
        var receipt = await Bids.SubmitBidAsync(KentAndEssex.Bid(published.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport));
        Assert.Equal(published.Id, receipt.TenderId);

        // Marked published when the dispatcher's batch commits, which can be just after the bid service has the event.
        await Eventually.True(async () => (await TenderOutboxAsync()).Single().PublishedAt is not null, "the outbox row marked published");
        var row = (await TenderOutboxAsync()).Single();
        Assert.True(row.AttemptCount >= 2, $"{row.AttemptCount} attempts");
        Assert.Equal(1, await BidInboxCountAsync(nameof(TenderPublishedConsumer)));
    }
}
