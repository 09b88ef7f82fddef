using Procurement.Bids.Messaging;
using Procurement.Contracts.Tender.V1;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// Publication and bidding agree (issue 12): a supplier who sees a published tender can bid on it at once, even before
/// the bid service has its TenderPublished; the bid service then asks the tender service.
/// </summary>
public sealed class ImmediateBidTests(ITestOutputHelper output) : ServicesTestBase
{
    private const int Repetitions = 20;

    [Fact]
    public async Task A_bid_sent_the_moment_Publish_returns_is_accepted_every_time()
    {
        var ahead = 0;
        for (var i = 0; i < Repetitions; i++)
        {
            var content = KentAndEssex.Tender();
            content.Reference = $"IMMEDIATE-{i:00}";
            var draft = await Tenders.CreateDraftAsync(new CreateDraftRequest { Content = content }, As(KentAndEssex.Officer));
            var published = await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(KentAndEssex.Officer));
            var eventsBefore = await BidInboxCountAsync(nameof(TenderPublishedConsumer));

            var receipt = await Bids.SubmitBidAsync(KentAndEssex.Bid(published.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport));

            Assert.Equal((published.Id, 1, "victim-support"), (receipt.TenderId, receipt.Version, receipt.Supplier));
            if (eventsBefore == i) ahead++;   // its TenderPublished had not been applied when the bid was sent
        }
        output.WriteLine($"{Repetitions} of {Repetitions} immediate bids accepted; {ahead} were sent before the bid service had applied the tender's TenderPublished.");
        // Every tender's event still applies exactly once afterwards, on top of what the bid service learned on demand.
        await Procurement.Testing.Eventually.True(async () => await BidInboxCountAsync(nameof(TenderPublishedConsumer)) == Repetitions,
            "every TenderPublished applied once");
    }
}
