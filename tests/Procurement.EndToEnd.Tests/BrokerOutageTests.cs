using Procurement.Bids.Messaging;
using Procurement.Contracts.Bid.V1;
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
    public async Task A_tender_published_while_RabbitMQ_is_down_is_open_to_bids_at_once_and_its_event_applies_once_after()
    {
        await _node!.StopAppAsync();

        // Publication succeeds: the event waits in the tender service's outbox, committed with the tender.
        var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = KentAndEssex.Tender() }, As(KentAndEssex.Officer));
        var published = await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(KentAndEssex.Officer));
        Assert.Equal(TenderStatus.Published, published.Status);
        await Eventually.True(async () => (await TenderOutboxAsync()).Single().LastError is not null, "a publish attempt failed");
        Assert.Null((await TenderOutboxAsync()).Single().PublishedAt);
        // A supplier who sees it can bid at once: the bid service asks the tender service for a tender it has not heard of.
        var early = await Bids.SubmitBidAsync(KentAndEssex.Bid(published.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport));
        Assert.Equal((published.Id, 1), (early.TenderId, early.Version));

        await _node.StartAppAsync();

        // The dispatcher retries on the service's clock: let a second pass on it while the broker recovers.
        await Eventually.True(async () =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return await BidInboxCountAsync(nameof(TenderPublishedConsumer)) == 1;
        }, "the bid service received the tender's event after the broker came back", RecoveryBound);
        var receipt = await Bids.SubmitBidAsync(KentAndEssex.Bid(published.Id, ("essex", 530_000_00)), As(KentAndEssex.Catch22));
        Assert.Equal(published.Id, receipt.TenderId);
        var first = await Bids.GetBidAsync(new GetBidRequest { BidId = early.BidId }, As(KentAndEssex.VictimSupport));
        Assert.Equal((BidStatus.Submitted, 1, early.DigestSha256), (first.Status, first.TenderRevision, first.DigestSha256));

        // Marked published when the dispatcher's batch commits, which can be just after the bid service has the event.
        await Eventually.True(async () => (await TenderOutboxAsync()).Single().PublishedAt is not null, "the outbox row marked published");
        var row = (await TenderOutboxAsync()).Single();
        Assert.True(row.AttemptCount >= 2, $"{row.AttemptCount} attempts");
        Assert.Equal(1, await BidInboxCountAsync(nameof(TenderPublishedConsumer)));
    }
}
