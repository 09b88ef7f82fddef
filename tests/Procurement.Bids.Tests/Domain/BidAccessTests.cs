using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class BidAccessTests
{
    private static readonly DateTimeOffset Before = new(2022, 10, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly TenderView Tender = new(SeedBids.TenderId, 1, new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), TenderPhase.Open,
        [new LotView("kent", "kent", ["Q1"]), new LotView("essex", "essex", ["Q1"])]);

    private static readonly BidReader VictimSupport = new("victim-support", null, IsSupplier: true);
    private static readonly BidReader OtherSupplier = new("another-charity", null, IsSupplier: true);
    private static readonly BidReader KentEvaluator = new("kent-police", "kent", IsSupplier: false);
    private static readonly BidReader EssexEvaluator = new("essex-pfcc", "essex", IsSupplier: false);
    private static readonly BidReader KentFinance = new("kent-opcc", "kent", IsSupplier: false);
    private static readonly BidReader Procurement = new("7f-commercial", null, IsSupplier: false);

    private static Bid VictimSupportBid() =>
        Bid.Submit(SeedBids.BidId, Tender, "victim-support",
            [new LotOffer("kent", new Money(1_000_000_00, "GBP"), [new CriterionResponse("Q1", "Plan")])],
            new Declarations(true, true, true), Before).Bid;

    [Fact]
    public void A_supplier_reads_its_own_bid()
    {
        Assert.True(BidAccess.CanReadBid(VictimSupport, VictimSupportBid()).Allowed);
    }

    [Theory]
    [MemberData(nameof(EveryoneElse))]
    public void Nobody_else_learns_the_bid_exists(string who)
    {
        var reader = Readers[who];
        Assert.Equal(AccessOutcome.Hidden, BidAccess.CanReadBid(reader, VictimSupportBid()).Outcome);
    }

    public static TheoryData<string> EveryoneElse => new(["other supplier", "kent evaluator", "essex evaluator", "kent finance", "procurement"]);

    private static readonly Dictionary<string, BidReader> Readers = new()
    {
        ["other supplier"] = OtherSupplier,
        ["kent evaluator"] = KentEvaluator,
        ["essex evaluator"] = EssexEvaluator,
        ["kent finance"] = KentFinance,
        ["procurement"] = Procurement,
    };

    [Fact]
    public void Offers_are_sealed_until_the_lot_is_opened()
    {
        var decision = BidAccess.CanReleaseOpenedOffers(Tender, "kent", lotOpened: false);
        Assert.Equal(AccessOutcome.Sealed, decision.Outcome);
        Assert.Contains("sealed until", decision.Reason);
    }

    [Fact]
    public void After_opening_a_lots_offers_are_released_to_the_moderation_service()
    {
        Assert.True(BidAccess.CanReleaseOpenedOffers(Tender, "kent", lotOpened: true).Allowed);
        Assert.True(BidAccess.CanReleaseOpenedOffers(Tender, "essex", lotOpened: true).Allowed);
    }

    [Fact]
    public void An_unknown_lot_is_not_found()
    {
        Assert.Equal(AccessOutcome.Hidden, BidAccess.CanReleaseOpenedOffers(Tender, "devon", lotOpened: true).Outcome);
    }
}
