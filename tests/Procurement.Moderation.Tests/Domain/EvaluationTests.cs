using Procurement.Moderation.Domain;
using static Procurement.Moderation.Tests.Domain.KentPanel;

namespace Procurement.Moderation.Tests.Domain;

public sealed class EvaluationTests
{
    private static readonly DateTimeOffset Now = OpenedAt.AddDays(2);

    [Fact]
    public void An_evaluation_moves_from_awaiting_a_panel_through_scoring_and_moderation_to_completed()
    {
        var evaluation = Opened();
        Assert.Equal(EvaluationStage.AwaitingPanel, evaluation.Stage);

        evaluation.AppointPanel(Chair, [Office, Force]);
        Assert.Equal(EvaluationStage.Scoring, evaluation.Stage);
        foreach (var person in new[] { Chair, Office, Force }) evaluation.DeclareConflicts(person.PersonId, NoConflicts());
        ScoreAll(evaluation, Office, 4);
        evaluation.SubmitScores(Office.PersonId);
        ScoreAll(evaluation, Force, 3);
        evaluation.SubmitScores(Force.PersonId);
        Assert.Equal(EvaluationStage.Moderating, evaluation.Stage);

        foreach (var bid in new[] { VictimSupportBid, Catch22Bid })
        foreach (var criterion in new[] { "Q1", "Q2", "Q3", "SV1" })
            evaluation.RecordModeratedScore(Chair.PersonId, bid, criterion, bid == VictimSupportBid ? 4 : 3, "Agreed in the moderation meeting", Now);
        var result = evaluation.Complete(Chair.PersonId, Now);

        Assert.Equal(EvaluationStage.Completed, evaluation.Stage);
        Assert.Equal(Now, evaluation.CompletedAt);
        Assert.Equal("victim-support", result.Bids.Single(b => b.Rank == 1).Supplier);
        var late = Assert.Throws<ModerationException>(() => evaluation.RecordModeratedScore(Chair.PersonId, VictimSupportBid, "Q1", 5, "later", Now));
        Assert.Equal(ModerationRefusal.FailedPrecondition, late.Kind);
    }

    [Fact]
    public void No_bid_content_before_declaring_and_none_of_a_supplier_the_member_is_conflicted_with()
    {
        var evaluation = WithPanel();

        var undeclared = Assert.Throws<ModerationException>(() => evaluation.BidsVisibleTo(Office.PersonId));
        Assert.Equal(ModerationRefusal.FailedPrecondition, undeclared.Kind);
        Assert.Contains("Declare your conflicts", undeclared.Message);

        evaluation.DeclareConflicts(Office.PersonId, [new("victim-support", true, "Trustee of Victim Support until 2021"), new("catch-22", false, "")]);

        Assert.Equal([Catch22Bid], evaluation.BidsVisibleTo(Office.PersonId).Select(b => b.BidId));
        var conflicted = Assert.Throws<ModerationException>(() =>
            evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 3, "n/a", Now));
        Assert.Equal(ModerationRefusal.PermissionDenied, conflicted.Kind);
        // Only Catch22's bid is outstanding for them.
        Assert.All(evaluation.Outstanding(Office.PersonId), o => Assert.Equal(Catch22Bid, o.BidId));
    }

    [Fact]
    public void Declarations_cover_every_supplier_once_and_a_conflict_says_what_it_is()
    {
        var evaluation = WithPanel();

        var incomplete = Assert.Throws<ModerationException>(() =>
            evaluation.DeclareConflicts(Office.PersonId, [new("victim-support", true, ""), new("devon-support", false, "")]));

        Assert.Equal(ModerationRefusal.InvalidArgument, incomplete.Kind);
        Assert.Contains("'devon-support' did not bid for this lot", incomplete.Message);
        Assert.Contains("no declaration for 'catch-22'", incomplete.Message);
        Assert.Contains("say what the conflict with 'victim-support' is", incomplete.Message);
        Assert.False(evaluation.HasDeclared(Office.PersonId));
        evaluation.DeclareConflicts(Office.PersonId, NoConflicts());
        Assert.Throws<ModerationException>(() => evaluation.DeclareConflicts(Office.PersonId, NoConflicts()));
    }

    [Fact]
    public void An_evaluator_sees_the_others_scores_only_after_submitting_all_of_their_own_which_then_lock()
    {
        var evaluation = Declared();
        ScoreAll(evaluation, Force, 2);
        evaluation.SubmitScores(Force.PersonId);
        evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 5, "Strong model", Now);

        Assert.All(evaluation.IndividualScoresVisibleTo(Office.PersonId), s => Assert.Equal(Office.PersonId, s.PersonId));
        var early = Assert.Throws<ModerationException>(() => evaluation.SubmitScores(Office.PersonId));
        Assert.Contains("7 scores still to record", early.Message);

        ScoreAll(evaluation, Office, 4);
        evaluation.SubmitScores(Office.PersonId);

        Assert.Contains(evaluation.IndividualScoresVisibleTo(Office.PersonId), s => s.PersonId == Force.PersonId);
        var locked = Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 3, "Second thoughts", Now));
        Assert.Contains("locked", locked.Message);
    }

    [Fact]
    public void Scores_need_a_justification_on_the_lots_scale_for_a_scored_criterion()
    {
        var evaluation = Declared();

        Assert.Equal(ModerationRefusal.InvalidArgument,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 4, " ", Now)).Kind);
        Assert.Equal(ModerationRefusal.InvalidArgument,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 6, "Beyond excellent", Now)).Kind);
        Assert.Equal(ModerationRefusal.NotFound,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, VictimSupportBid, "PRICE", 4, "Cheap", Now)).Kind);
        Assert.Equal(ModerationRefusal.NotFound,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, Guid.NewGuid(), "Q1", 4, "Which bid?", Now)).Kind);
        Assert.Equal(ModerationRefusal.PermissionDenied,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Chair.PersonId, VictimSupportBid, "Q1", 4, "Chair's view", Now)).Kind);
    }

    [Fact]
    public void Moderation_waits_for_every_evaluator_and_keeps_the_individual_scores_beside_the_moderated_one()
    {
        var evaluation = Declared();
        ScoreAll(evaluation, Office, 5);
        evaluation.SubmitScores(Office.PersonId);

        var waiting = Assert.Throws<ModerationException>(() => evaluation.RecordModeratedScore(Chair.PersonId, VictimSupportBid, "Q1", 4, "Agreed", Now));
        Assert.Contains("still scoring: Fred Force", waiting.Message);

        ScoreAll(evaluation, Force, 3);
        evaluation.SubmitScores(Force.PersonId);
        evaluation.RecordModeratedScore(Chair.PersonId, VictimSupportBid, "Q1", 4, "Agreed after discussion", Now);

        Assert.Equal([5, 3], evaluation.ScoresFor(VictimSupportBid, "Q1").Select(s => s.Score).Order().Reverse());
        Assert.True(evaluation.SpreadFlagged(VictimSupportBid, "Q1"));
        Assert.Equal(4, evaluation.ModeratedScores.Single().Score);
        var denied = Assert.Throws<ModerationException>(() => evaluation.RecordModeratedScore(Office.PersonId, VictimSupportBid, "Q1", 5, "Mine", Now));
        Assert.Equal(ModerationRefusal.PermissionDenied, denied.Kind);
        var incomplete = Assert.Throws<ModerationException>(() => evaluation.Complete(Chair.PersonId, Now));
        Assert.Contains("Moderated scores still missing", incomplete.Message);
    }

    [Fact]
    public void A_conflicted_chair_must_be_replaced_before_moderation()
    {
        var evaluation = WithPanel();
        evaluation.DeclareConflicts(Chair.PersonId, [new("victim-support", false, ""), new("catch-22", true, "Spouse works for Catch22")]);
        foreach (var person in new[] { Office, Force }) evaluation.DeclareConflicts(person.PersonId, NoConflicts());
        foreach (var evaluator in new[] { Office, Force })
        {
            ScoreAll(evaluation, evaluator, 3);
            evaluation.SubmitScores(evaluator.PersonId);
        }

        var conflicted = Assert.Throws<ModerationException>(() => evaluation.RecordModeratedScore(Chair.PersonId, VictimSupportBid, "Q1", 3, "Agreed", Now));
        Assert.Contains("a conflicted chair must be replaced", conflicted.Message);

        var newChair = new PanelMember("p-nina", "Nina Newchair", Affiliation.Force);
        evaluation.ReplaceChair(newChair);
        evaluation.DeclareConflicts(newChair.PersonId, NoConflicts());
        evaluation.RecordModeratedScore(newChair.PersonId, VictimSupportBid, "Q1", 3, "Agreed", Now);
        Assert.False(evaluation.IsMember(Chair.PersonId));
    }

    [Fact]
    public void The_panel_is_re_appointed_only_until_someone_submits_and_never_names_a_person_twice()
    {
        var evaluation = WithPanel();
        Assert.Equal(ModerationRefusal.InvalidArgument,
            Assert.Throws<ModerationException>(() => evaluation.AppointPanel(Chair, [Office, Chair])).Kind);
        Assert.Equal(ModerationRefusal.InvalidArgument,
            Assert.Throws<ModerationException>(() => evaluation.AppointPanel(Chair, [])).Kind);

        foreach (var person in new[] { Chair, Office, Force }) evaluation.DeclareConflicts(person.PersonId, NoConflicts());
        ScoreAll(evaluation, Office, 3);
        evaluation.AppointPanel(Chair, [Force]);   // Olive leaves before submitting: her drafts go with her
        Assert.Empty(evaluation.IndividualScores);
        ScoreAll(evaluation, Force, 3);
        evaluation.SubmitScores(Force.PersonId);

        Assert.Equal(ModerationRefusal.FailedPrecondition,
            Assert.Throws<ModerationException>(() => evaluation.AppointPanel(Chair, [Office])).Kind);
        evaluation.AddEvaluator(Office);
        Assert.Equal(EvaluationStage.Scoring, evaluation.Stage);
    }

    [Fact]
    public void Bids_non_compliant_at_opening_are_not_scored_but_appear_excluded_in_the_result()
    {
        var evaluation = Evaluation.Open(Guid.NewGuid(), TenderId, Lot,
        [
            new OpenedBid(VictimSupportBid, "victim-support", 1_000_000_00, "GBP", true, []),
            new OpenedBid(Catch22Bid, "catch-22", 900_000_00, "GBP", false, ["No response to criterion Q2."]),
        ], OpenedAt);
        evaluation.AppointPanel(Chair, [Office]);
        foreach (var person in new[] { Chair, Office }) evaluation.DeclareConflicts(person.PersonId, NoConflicts());

        Assert.Equal(ModerationRefusal.FailedPrecondition,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, Catch22Bid, "Q1", 3, "n/a", Now)).Kind);
        ScoreAll(evaluation, Office, 4);
        evaluation.SubmitScores(Office.PersonId);
        foreach (var criterion in new[] { "Q1", "Q2", "Q3", "SV1" })
            evaluation.RecordModeratedScore(Chair.PersonId, VictimSupportBid, criterion, 4, "Agreed", Now);
        var result = evaluation.Complete(Chair.PersonId, Now);

        var excluded = result.Bids.Single(b => b.BidId == Catch22Bid);
        Assert.Null(excluded.Rank);
        Assert.Contains("No response to criterion Q2.", excluded.ExclusionReason);
        Assert.Equal(1, result.Bids.Single(b => b.BidId == VictimSupportBid).Rank);
    }

    [Fact]
    public void A_cancelled_evaluation_refuses_every_change_and_a_second_cancellation_changes_nothing()
    {
        var evaluation = Declared();
        evaluation.Cancel("Lot cancelled: re-procured", Now);
        evaluation.Cancel("Another reason", Now.AddDays(1));

        Assert.Equal((EvaluationStage.Cancelled, "Lot cancelled: re-procured", Now), (evaluation.Stage, evaluation.CancellationReason, evaluation.CancelledAt));
        Assert.Equal(ModerationRefusal.FailedPrecondition,
            Assert.Throws<ModerationException>(() => evaluation.RecordScore(Office.PersonId, VictimSupportBid, "Q1", 3, "Too late", Now)).Kind);
        Assert.Equal(ModerationRefusal.FailedPrecondition,
            Assert.Throws<ModerationException>(() => evaluation.AddEvaluator(new PanelMember("p-late", "Late Joiner", Affiliation.Force))).Kind);
    }
}
