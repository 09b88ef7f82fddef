using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class OpeningTests
{
    private static readonly DateTimeOffset Before = new(2022, 10, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly Declarations AllDeclared = new(true, true, true);

    private static TenderView Tender(TenderPhase phase, bool essexCancelled = false) => new(
        SeedBids.TenderId, 1, new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), phase,
        [new LotView("kent", "kent", ["Q1"]), new LotView("essex", "essex", ["Q1"], essexCancelled), new LotView("devon", "devon", ["Q1"])]);

    private static LotOffer Offer(string lot, long pence) => new(lot, new Money(pence, "GBP"), [new CriterionResponse("Q1", "Plan")]);

    private static Bid BidOf(string supplier, params LotOffer[] offers) =>
        Bid.Submit(Guid.NewGuid(), Tender(TenderPhase.Open), supplier, offers, AllDeclared, Before).Bid;

    [Fact]
    public void Offers_are_grouped_lot_by_lot_and_every_active_lot_is_reported()
    {
        var victimSupport = BidOf("victim-support", Offer("kent", 1_000_000_00), Offer("essex", 550_000_00));
        var other = BidOf("another-charity", Offer("kent", 950_000_00));
        var lots = Opening.OpenLots(Tender(TenderPhase.Closed), [victimSupport, other]);

        Assert.Equal(["kent", "essex", "devon"], lots.Select(l => l.LotId));
        Assert.Equal(["another-charity", "victim-support"], lots[0].Offers.Select(o => o.Supplier).Order());
        Assert.Equal(["victim-support"], lots[1].Offers.Select(o => o.Supplier));
        Assert.Empty(lots[2].Offers); // devon: no offers, still reported so its panel knows
        Assert.All(lots, l => Assert.All(l.Offers, o => Assert.Equal(l.LotId, o.Offer.LotId)));
    }

    [Fact]
    public void Withdrawn_bids_and_cancelled_lots_are_left_out()
    {
        var withdrawn = BidOf("victim-support", Offer("kent", 1_000_000_00));
        withdrawn.Withdraw(Tender(TenderPhase.Open), Before);
        var other = BidOf("another-charity", Offer("essex", 500_000_00), Offer("kent", 900_000_00));
        var lots = Opening.OpenLots(Tender(TenderPhase.Closed, essexCancelled: true), [withdrawn, other]);
        Assert.Equal(["kent", "devon"], lots.Select(l => l.LotId));
        Assert.Equal(["another-charity"], lots[0].Offers.Select(o => o.Supplier));
    }

    [Fact]
    public void Bids_are_opened_only_after_closing()
    {
        var error = Assert.Throws<BidException>(() => Opening.OpenLots(Tender(TenderPhase.Open), []));
        Assert.Equal(BidRefusal.FailedPrecondition, error.Kind);
    }
}

public sealed class OpeningEventsTests
{
    [Fact]
    public void Each_opened_lot_becomes_an_event_carrying_prices_digests_and_compliance()
    {
        var tender = new TenderView(SeedBids.TenderId, 1, new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), TenderPhase.Open,
            [new LotView("kent", "kent", ["Q1", "Q2"])]);
        var (bid, receipt) = Bid.Submit(SeedBids.BidId, tender, "victim-support", SeedBids.VictimSupport().Offers, new Declarations(true, true, true),
            new DateTimeOffset(2022, 10, 30, 9, 0, 0, TimeSpan.Zero));
        var lot = Opening.OpenLots(tender with { Phase = TenderPhase.Closed }, [bid]).Single();
        var openedAt = new DateTimeOffset(2022, 10, 31, 12, 0, 1, TimeSpan.Zero);

        var opened = Procurement.Bids.Messaging.OpeningEvents.ToEvent(SeedBids.TenderId, lot, openedAt);

        Assert.Equal((SeedBids.TenderId, "kent", "kent", openedAt), (opened.TenderId, opened.LotId, opened.Commissioner, opened.OpenedAt));
        var only = Assert.Single(opened.Bids);
        Assert.Equal((SeedBids.BidId, 1, "victim-support"), (only.BidId, only.BidVersion, only.Supplier));
        Assert.Equal(new Procurement.Contracts.Events.Money(1_000_000_00, "GBP"), only.AnnualPrice);
        Assert.Equal(receipt.DigestSha256, only.DigestSha256);
        Assert.True(only.Compliant);
    }
}
