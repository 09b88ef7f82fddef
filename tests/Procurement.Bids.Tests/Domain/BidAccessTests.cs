using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class BidAccessTests
{
    private static readonly DateTimeOffset Before = new(2022, 10, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly TenderView Tender = new(SeedBids.TenderId, 1, new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), TenderPhase.Open,
        [new LotView("kent", "kent", ["Q1"]), new LotView("essex", "essex", ["Q1"])]);

    private static readonly BidReader VictimSupport = new("victim-support", null, IsSupplier: true, Evaluates: false);
    private static readonly BidReader OtherSupplier = new("another-charity", null, IsSupplier: true, Evaluates: false);
    private static readonly BidReader KentEvaluator = new("kent-police", "kent", IsSupplier: false, Evaluates: true);
    private static readonly BidReader EssexEvaluator = new("essex-pfcc", "essex", IsSupplier: false, Evaluates: true);
    private static readonly BidReader KentFinance = new("kent-opcc", "kent", IsSupplier: false, Evaluates: false);
    private static readonly BidReader Procurement = new("7f-commercial", null, IsSupplier: false, Evaluates: false);

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
    public void Offers_are_sealed_until_the_lot_is_opened_even_for_its_own_panel()
    {
        var decision = BidAccess.CanReadOpenedOffers(KentEvaluator, Tender, "kent", lotOpened: false);
        Assert.Equal(AccessOutcome.Sealed, decision.Outcome);
        Assert.Contains("sealed until", decision.Reason);
    }

    [Fact]
    public void Before_opening_the_other_commissioners_panel_is_denied_not_told_to_wait()
    {
        Assert.Equal(AccessOutcome.Denied, BidAccess.CanReadOpenedOffers(EssexEvaluator, Tender, "kent", lotOpened: false).Outcome);
    }

    [Fact]
    public void After_opening_the_lots_own_panel_reads_its_offers()
    {
        Assert.True(BidAccess.CanReadOpenedOffers(KentEvaluator, Tender, "kent", lotOpened: true).Allowed);
        Assert.True(BidAccess.CanReadOpenedOffers(EssexEvaluator, Tender, "essex", lotOpened: true).Allowed);
    }

    [Fact]
    public void One_commissioners_panel_never_reads_the_others_lot()
    {
        var decision = BidAccess.CanReadOpenedOffers(KentEvaluator, Tender, "essex", lotOpened: true);
        Assert.Equal(AccessOutcome.Denied, decision.Outcome);
        Assert.Contains("essex's panel only", decision.Reason);
        Assert.False(BidAccess.CanReadOpenedOffers(EssexEvaluator, Tender, "kent", lotOpened: true).Allowed);
    }

    [Theory]
    [MemberData(nameof(NonEvaluators))]
    public void People_who_do_not_evaluate_cannot_read_opened_offers(string who)
    {
        var reader = who == "victim support" ? VictimSupport : Readers[who];
        Assert.Equal(AccessOutcome.Denied, BidAccess.CanReadOpenedOffers(reader, Tender, "kent", lotOpened: true).Outcome);
    }

    public static TheoryData<string> NonEvaluators => new(["victim support", "other supplier", "kent finance", "procurement"]);

    [Fact]
    public void An_unknown_lot_is_not_found()
    {
        Assert.Equal(AccessOutcome.Hidden, BidAccess.CanReadOpenedOffers(KentEvaluator, Tender, "devon", lotOpened: true).Outcome);
    }
}
