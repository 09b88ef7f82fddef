using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Tests.Domain;

public sealed class TenderLifecycleTests
{
    private static readonly DateTimeOffset Now = SeedCase.Now;
    private static readonly DateTimeOffset Deadline = SeedCase.JointTender().Timetable.SubmissionDeadline!.Value;

    private static Tender Draft() => Tender.CreateDraft(Guid.NewGuid(), "7f-commercial", SeedCase.JointTender(), Now);

    private static Tender Published()
    {
        var tender = Draft();
        tender.Publish("officer-1", Now);
        return tender;
    }

    private static DomainException Refused(Action action, RefusalKind kind)
    {
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public void Publishing_makes_revision_one_with_every_lot_active()
    {
        var tender = Published();
        Assert.Equal(TenderStatus.Published, tender.Status);
        Assert.Equal(1, tender.Revision);
        Assert.Equal(Now, tender.PublishedAt);
        Assert.All(tender.Lots.Values, lot => Assert.Equal(LotStatus.Active, lot.Status));
        Assert.Equal(["kent", "essex"], tender.Lots.Keys);
    }

    [Fact]
    public void An_invalid_draft_is_not_published_and_every_problem_is_named()
    {
        var tender = Tender.CreateDraft(Guid.NewGuid(), "7f-commercial", SeedCase.JointTender() with { Title = "", Lots = [] }, Now);
        var error = Refused(() => tender.Publish("officer-1", Now), RefusalKind.InvalidArgument);
        Assert.Equal(["title", "lots"], error.Violations.Select(v => v.Field));
        Assert.StartsWith("2 problems to fix: title: is required; lots:", error.Message);
        Assert.Equal(TenderStatus.Draft, tender.Status);
    }

    [Fact]
    public void A_published_tender_is_amended_not_edited()
    {
        var error = Refused(() => Published().UpdateDraft(SeedCase.JointTender()), RefusalKind.FailedPrecondition);
        Assert.Contains("amend it instead", error.Message);
    }

    [Fact]
    public void Amending_before_the_deadline_adds_a_revision_and_keeps_the_history()
    {
        var tender = Published();
        var extended = SeedCase.JointTender() with { Timetable = new Timetable(SeedCase.JointTender().Timetable.ClarificationDeadline, Deadline.AddDays(7)) };
        tender.Amend(extended, "Submission deadline extended by one week", "officer-2", Now.AddDays(3));
        Assert.Equal(2, tender.Revision);
        Assert.Equal(Deadline.AddDays(7), tender.SubmissionDeadline);
        Assert.Equal(["Published", "Submission deadline extended by one week"], tender.Revisions.Select(r => r.Summary));
        Assert.Equal(Deadline, tender.Revisions[0].Content.Timetable.SubmissionDeadline);
    }

    [Fact]
    public void No_amendment_after_the_deadline()
    {
        var error = Refused(() => Published().Amend(SeedCase.JointTender(), "late change", "officer-2", Deadline), RefusalKind.FailedPrecondition);
        Assert.Contains("deadline passed", error.Message);
    }

    [Fact]
    public void An_amendment_cannot_drop_a_lot_or_move_it_to_another_commissioner()
    {
        var content = SeedCase.JointTender();
        var withoutEssex = content with { Lots = [content.Lots[0], SeedCase.KentLot() with { Id = "kent-2" }], Commissioners = ["kent", "essex"] };
        var error = Refused(() => Published().Amend(withoutEssex, "drop Essex", "officer-2", Now), RefusalKind.InvalidArgument);
        Assert.Contains(error.Violations, v => v.Description.Contains("lot 'essex' cannot be removed"));

        var moved = content with { Lots = [content.Lots[0], content.Lots[1] with { Commissioner = "kent" }] };
        error = Refused(() => Published().Amend(moved, "move", "officer-2", Now), RefusalKind.InvalidArgument);
        Assert.Contains(error.Violations, v => v.Description.Contains("cannot move to 'kent'"));
    }

    [Fact]
    public void An_amendment_needs_a_summary()
    {
        var error = Refused(() => Published().Amend(SeedCase.JointTender(), " ", "officer-2", Now), RefusalKind.InvalidArgument);
        Assert.Equal("summary", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Closing_waits_for_the_deadline_and_opens_only_active_lots()
    {
        var tender = Published();
        Refused(() => tender.Close(Deadline.AddTicks(-1)), RefusalKind.FailedPrecondition);
        tender.CancelLot("essex", "Essex will re-procure separately");
        Assert.Equal(["kent"], tender.Close(Deadline));
        Assert.Equal(TenderStatus.Closed, tender.Status);
        Assert.Equal(Deadline, tender.ClosedAt);
    }

    [Fact]
    public void Only_a_published_tender_whose_deadline_has_come_is_due_to_close()
    {
        var published = Published();
        var cancelled = Published();
        cancelled.Cancel("Requirement withdrawn");

        Assert.Equal([false, true], new[] { Deadline.AddTicks(-1), Deadline }.Select(published.IsDueToClose));
        Assert.False(cancelled.IsDueToClose(Deadline));
        published.Close(Deadline);
        Assert.False(published.IsDueToClose(Deadline.AddDays(1)));
    }

    [Fact]
    public void Cancelling_one_lot_leaves_the_other_going()
    {
        var tender = Published();
        tender.CancelLot("kent", "Budget withdrawn");
        Assert.Equal(new LotState(LotStatus.Cancelled, "Budget withdrawn"), tender.Lots["kent"]);
        Assert.Equal(LotStatus.Active, tender.Lots["essex"].Status);
        Assert.Equal(TenderStatus.Published, tender.Status);
    }

    [Fact]
    public void Cancelling_the_last_lot_cancels_the_tender()
    {
        var tender = Published();
        tender.CancelLot("kent", "Budget withdrawn");
        tender.CancelLot("essex", "Service brought in-house");
        Assert.Equal(TenderStatus.Cancelled, tender.Status);
        Assert.Equal("Every lot was cancelled.", tender.CancellationReason);
    }

    [Fact]
    public void Lot_cancellation_needs_a_known_active_lot_and_a_reason()
    {
        var tender = Published();
        Refused(() => tender.CancelLot("devon", "x"), RefusalKind.NotFound);
        Refused(() => tender.CancelLot("kent", ""), RefusalKind.InvalidArgument);
        tender.CancelLot("kent", "Budget withdrawn");
        Refused(() => tender.CancelLot("kent", "again"), RefusalKind.FailedPrecondition);
    }

    [Fact]
    public void Cancelling_the_tender_cancels_its_active_lots_and_only_once()
    {
        var tender = Published();
        tender.Cancel("Requirement changed");
        Assert.Equal(TenderStatus.Cancelled, tender.Status);
        Assert.All(tender.Lots.Values, lot => Assert.Equal(new LotState(LotStatus.Cancelled, "Requirement changed"), lot));
        Refused(() => tender.Cancel("again"), RefusalKind.FailedPrecondition);
    }

    [Fact]
    public void The_tender_is_complete_when_every_lot_is_awarded_or_cancelled()
    {
        var tender = Published();
        tender.Close(Deadline);
        tender.MarkLotAwarded("kent");
        Assert.Equal(TenderStatus.Closed, tender.Status); // Essex's award never waits on Kent's, nor the reverse
        tender.CancelLot("essex", "No compliant bid");
        Assert.Equal(TenderStatus.Complete, tender.Status);
    }

    [Fact]
    public void A_lot_is_awarded_only_after_closing_and_once()
    {
        var tender = Published();
        Refused(() => tender.MarkLotAwarded("kent"), RefusalKind.FailedPrecondition);
        tender.Close(Deadline);
        tender.MarkLotAwarded("kent");
        Refused(() => tender.MarkLotAwarded("kent"), RefusalKind.FailedPrecondition);
    }

    [Fact]
    public void A_draft_needs_a_procuring_entity()
    {
        var error = Assert.Throws<DomainException>(() => Tender.CreateDraft(Guid.NewGuid(), " ", SeedCase.JointTender(), Now));
        Assert.Equal("procuring_entity", Assert.Single(error.Violations).Field);
    }
}
