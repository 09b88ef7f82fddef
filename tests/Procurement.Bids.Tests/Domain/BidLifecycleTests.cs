using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class BidLifecycleTests
{
    private static readonly DateTimeOffset Deadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Before = Deadline.AddDays(-1);
    private static readonly Declarations AllDeclared = new(true, true, true);

    private static TenderView Tender(int revision = 1, TenderPhase phase = TenderPhase.Open, bool essexCancelled = false) => new(
        SeedBids.TenderId, revision, Deadline, phase,
        [new LotView("kent", "kent", ["Q1", "Q2"]), new LotView("essex", "essex", ["Q1"], essexCancelled)]);

    private static LotOffer Kent(long pence = 1_000_000_00) => new("kent", new Money(pence, "GBP"),
        [new CriterionResponse("Q1", "Delivery model"), new CriterionResponse("Q2", "Partnerships")]);

    private static LotOffer Essex() => new("essex", new Money(550_000_00, "GBP"), [new CriterionResponse("Q1", "Essex delivery")]);

    private static (Bid Bid, Receipt Receipt) Submit(TenderView? tender = null, params LotOffer[] offers) =>
        Bid.Submit(SeedBids.BidId, tender ?? Tender(), "victim-support", offers.Length == 0 ? [Kent(), Essex()] : offers, AllDeclared, Before);

    private static BidException Refused(Action action, BidRefusal kind)
    {
        var error = Assert.Throws<BidException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public void Submission_returns_a_receipt_whose_digest_covers_the_version()
    {
        var (bid, receipt) = Submit();
        Assert.Equal(1, receipt.Version);
        Assert.Equal(BidDigest.Compute(bid.Current), receipt.DigestSha256);
        Assert.Equal(BidStatus.Submitted, bid.Status);
        Assert.True(bid.Matches(receipt));
    }

    [Fact]
    public void A_bid_at_or_after_the_deadline_is_refused()
    {
        var error = Refused(() => Bid.Submit(Guid.NewGuid(), Tender(), "victim-support", [Kent()], AllDeclared, Deadline), BidRefusal.FailedPrecondition);
        Assert.Contains("deadline passed", error.Message);
    }

    [Fact]
    public void Offers_must_name_live_lots_once_each_with_a_price()
    {
        var error = Refused(() => Submit(Tender(essexCancelled: true), Kent(), Kent(0), Essex(), new LotOffer("devon", new Money(1, "GBP"), [])),
            BidRefusal.InvalidArgument);
        Assert.Contains("lot 'kent' has more than one offer", error.Message);
        Assert.Contains("lot 'essex' was cancelled", error.Message);
        Assert.Contains("no lot 'devon'", error.Message);
        Assert.Contains("must be more than zero", error.Message);
    }

    [Fact]
    public void A_revision_is_a_new_version_and_the_old_one_is_kept()
    {
        var (bid, first) = Submit();
        var second = bid.Revise(1, Tender(), [Kent(990_000_00)], AllDeclared, Before.AddHours(1));
        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.DigestSha256, second.DigestSha256);
        Assert.Equal(2, bid.Versions.Count);
        Assert.True(bid.Matches(first));
        Assert.True(bid.Matches(second));
    }

    [Fact]
    public void Revising_a_stale_version_is_a_conflict()
    {
        var (bid, _) = Submit();
        bid.Revise(1, Tender(), [Kent()], AllDeclared, Before);
        Assert.Contains("version 2, not 1", Refused(() => bid.Revise(1, Tender(), [Kent()], AllDeclared, Before), BidRefusal.Conflict).Message);
    }

    [Fact]
    public void Withdrawal_is_final_and_only_before_the_deadline()
    {
        var (bid, _) = Submit();
        Refused(() => bid.Withdraw(Tender(), Deadline), BidRefusal.FailedPrecondition);
        bid.Withdraw(Tender(), Before);
        Assert.Equal(BidStatus.Withdrawn, bid.Status);
        Refused(() => bid.Revise(1, Tender(), [Kent()], AllDeclared, Before), BidRefusal.FailedPrecondition);
        Assert.Empty(bid.Open(Tender(phase: TenderPhase.Closed)));
    }

    [Fact]
    public void An_amendment_asks_for_reconfirmation_against_the_new_revision()
    {
        var (bid, _) = Submit();
        bid.TenderAmended(2);
        Assert.Equal(BidStatus.NeedsReconfirmation, bid.Status);
        Refused(() => bid.Reconfirm(1, Tender(revision: 2), Before), BidRefusal.Conflict);
        var receipt = bid.Reconfirm(2, Tender(revision: 2), Before);
        Assert.Equal(BidStatus.Submitted, bid.Status);
        Assert.Equal(1, receipt.Version);
        Assert.Equal(2, bid.ConfirmedTenderRevision);
    }

    [Fact]
    public void An_amendment_the_bid_already_answers_changes_nothing()
    {
        var (bid, _) = Submit(Tender(revision: 3));
        bid.TenderAmended(3);
        Assert.Equal(BidStatus.Submitted, bid.Status);
    }

    [Fact]
    public void Opening_gives_one_assessed_offer_per_live_lot_with_the_versions_digest()
    {
        var (bid, _) = Submit();
        var receipt = bid.Revise(1, Tender(), [Kent(), Essex() with { Responses = [] }], AllDeclared, Before);
        var opened = bid.Open(Tender(phase: TenderPhase.Closed));
        Assert.Equal(BidStatus.Opened, bid.Status);
        Assert.Equal(["kent", "essex"], opened.Select(o => o.Offer.LotId));
        Assert.All(opened, o => Assert.Equal(receipt.DigestSha256, o.DigestSha256));
        Assert.All(opened, o => Assert.Equal(2, o.BidVersion));
        Assert.True(opened[0].Compliance.Compliant);
        Assert.Equal(["No response to criterion Q1."], opened[1].Compliance.Reasons);
        Refused(() => bid.Open(Tender(phase: TenderPhase.Closed)), BidRefusal.FailedPrecondition);
    }

    [Fact]
    public void A_bid_not_reconfirmed_is_opened_non_compliant()
    {
        var (bid, _) = Submit();
        bid.TenderAmended(2);
        var opened = bid.Open(Tender(revision: 2, phase: TenderPhase.Closed));
        Assert.All(opened, o => Assert.Contains("The bid was not reconfirmed after the tender was amended.", o.Compliance.Reasons));
    }

    [Fact]
    public void Offers_for_a_cancelled_lot_are_void_and_not_opened()
    {
        var (bid, _) = Submit();
        bid.LotCancelled("essex");
        Assert.Equal(["kent"], bid.Open(Tender(phase: TenderPhase.Closed)).Select(o => o.Offer.LotId));
    }

    [Fact]
    public void A_cancelled_tender_takes_no_bids()
    {
        Assert.Contains("cancelled", Refused(() => Submit(Tender(phase: TenderPhase.Cancelled)), BidRefusal.FailedPrecondition).Message);
    }

    [Fact]
    public void A_receipt_for_another_bid_or_a_tampered_digest_does_not_match()
    {
        var (bid, receipt) = Submit();
        Assert.False(bid.Matches(receipt with { DigestSha256 = new string('0', 64) }));
        Assert.False(bid.Matches(receipt with { BidId = Guid.NewGuid() }));
        Assert.False(bid.Matches(receipt with { Version = 2 }));
    }

    [Fact]
    public void A_bid_rebuilt_from_its_current_version_only_revises_to_the_next_version_number()
    {
        // A change loads only the current version (BidStorage.LoadBidAsync); the next number follows it, not the count.
        var fifth = new BidVersion(SeedBids.BidId, 5, SeedBids.TenderId, "victim-support", Before, [Kent()], AllDeclared);
        var bid = Bid.Rehydrate(SeedBids.BidId, SeedBids.TenderId, "victim-support", BidStatus.Submitted, 1, [fifth], []);

        var receipt = bid.Revise(5, Tender(), [Kent(990_000_00)], AllDeclared, Before.AddHours(1));

        Assert.Equal(6, receipt.Version);
        Assert.Equal([5, 6], bid.Versions.Select(v => v.Version));
    }
}
