using Procurement.Bids.Domain;
using Procurement.Bids.Messaging;
using Procurement.Bids.Tests.Domain;
using Procurement.Contracts.Events;

namespace Procurement.Bids.Tests.Messaging;

public sealed class TenderProjectionTests
{
    private static readonly DateTimeOffset Deadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<LotSummary> Lots =
    [
        new("kent", "kent", "Kent lot", [new("Q1", "quality", 40), new("SV1", "social_value", 10), new("PRICE", "price", 50)]),
        new("essex", "essex", "Essex lot", [new("Q1", "quality", 60), new("PRICE", "price", 40)]),
    ];

    private static TenderPublished Published(int revision = 1) =>
        new(SeedBids.TenderId, "7F-2022-VAS-001", "Victims' services", "7f-commercial", ["kent", "essex"],
            Deadline.AddDays(-14), Deadline, Lots, revision, Deadline.AddDays(-30));

    [Fact]
    public void Publication_opens_the_tender_with_the_criteria_bids_must_answer()
    {
        var view = TenderProjection.Apply(null, Published());
        Assert.Equal(TenderPhase.Open, view.Phase);
        Assert.Equal(Deadline, view.SubmissionDeadline);
        Assert.Equal(["Q1", "SV1"], view.Lot("kent")!.ResponseCriterionIds);
        Assert.Equal(["Q1"], view.Lot("essex")!.ResponseCriterionIds);
    }

    [Fact]
    public void An_amendment_moves_the_deadline_and_a_stale_one_is_ignored()
    {
        var view = TenderProjection.Apply(null, Published());
        var amended = new TenderAmended(SeedBids.TenderId, 2, "One more week", Deadline.AddDays(-7), Deadline.AddDays(7), Lots, Deadline.AddDays(-10));
        view = TenderProjection.Apply(view, amended);
        Assert.Equal((2, Deadline.AddDays(7)), (view.Revision, view.SubmissionDeadline));
        Assert.Same(view, TenderProjection.Apply(view, amended with { Revision = 2, SubmissionDeadline = Deadline }));
        Assert.Same(view, TenderProjection.Apply(view, Published()));
    }

    [Fact]
    public void A_cancelled_lot_stays_cancelled_through_a_later_amendment()
    {
        var view = TenderProjection.Apply(null, Published());
        view = TenderProjection.Apply(view, new LotCancelled(SeedBids.TenderId, "essex", "essex", "Re-procured", Deadline.AddDays(-9)));
        view = TenderProjection.Apply(view, new TenderAmended(SeedBids.TenderId, 2, "Typo", Deadline.AddDays(-7), Deadline, Lots, Deadline.AddDays(-8)));
        Assert.True(view.Lot("essex")!.Cancelled);
        Assert.False(view.Lot("kent")!.Cancelled);
    }

    [Fact]
    public void Closing_and_cancelling_end_the_open_phase()
    {
        var open = TenderProjection.Apply(null, Published());
        Assert.Equal(TenderPhase.Closed, TenderProjection.Apply(open, new TenderClosed(SeedBids.TenderId, ["kent", "essex"], Deadline)).Phase);
        var cancelled = TenderProjection.Apply(open, new TenderCancelled(SeedBids.TenderId, "Withdrawn", Deadline.AddDays(-1)));
        Assert.Equal(TenderPhase.Cancelled, cancelled.Phase);
        Assert.All(cancelled.Lots, l => Assert.True(l.Cancelled));
        Assert.Equal(TenderPhase.Cancelled, TenderProjection.Apply(cancelled, new TenderClosed(SeedBids.TenderId, [], Deadline)).Phase);
    }

    [Fact]
    public void A_lot_missing_from_TenderClosed_was_cancelled_even_before_its_LotCancelled_arrives()
    {
        var open = TenderProjection.Apply(null, Published());
        var closed = TenderProjection.Apply(open, new TenderClosed(SeedBids.TenderId, ["kent"], Deadline));
        Assert.False(closed.Lot("kent")!.Cancelled);
        Assert.True(closed.Lot("essex")!.Cancelled);
    }

    [Fact]
    public void An_amendment_arriving_before_the_publication_builds_the_view_and_the_publication_then_changes_nothing()
    {
        var amended = TenderProjection.Apply(null, new TenderAmended(SeedBids.TenderId, 2, "Deadline extended", Deadline.AddDays(-7), Deadline.AddDays(7), Lots, Deadline.AddDays(-8)));
        Assert.Equal((2, Deadline.AddDays(7), TenderPhase.Open), (amended.Revision, amended.SubmissionDeadline, amended.Phase));
        Assert.Same(amended, TenderProjection.Apply(amended, Published()));
    }
}
