using Procurement.Awards.Domain;
using static Procurement.Awards.Tests.Domain.KentAward;

namespace Procurement.Awards.Tests.Domain;

public sealed class AwardTests
{
    [Fact]
    public void The_record_of_decision_is_signed_in_order_and_the_commissioners_signature_notifies_with_standstill()
    {
        var award = Recommended();
        Assert.Equal(("victim-support", AwardStage.Recommended), (award.Preferred!.Supplier, award.StageAt(SignedAt)));
        award.DraftDecision(Decision);

        var outOfOrder = Assert.Throws<AwardException>(() => award.Sign(Signatory.Commissioner, "p-pcc", "PCC", "", SignedAt));
        Assert.Equal(AwardRefusal.FailedPrecondition, outOfOrder.Kind);
        Assert.Contains("it is the finance officer's turn, not the commissioner's", outOfOrder.Message);

        award.Sign(Signatory.FinanceOfficer, "p-cfo", "CFO", "Funded", SignedAt);
        award.Sign(Signatory.ChiefExecutive, "p-ceo", "CEO", "Agreed", SignedAt);
        Assert.Null(award.NotifiedAt);
        award.Sign(Signatory.Commissioner, "p-pcc", "PCC", "Satisfied", SignedAt.AddHours(2));

        Assert.Equal(SignedAt.AddHours(2), award.NotifiedAt);
        Assert.Equal(Standstill.End(Regime.Pcr2015, SignedAt.AddHours(2)), award.StandstillEnds);
        Assert.Equal(AwardStage.Standstill, award.StageAt(SignedAt.AddDays(1)));
        Assert.Equal([Signatory.FinanceOfficer, Signatory.ChiefExecutive, Signatory.Commissioner], award.Signatures.Select(s => s.As));
    }

    [Fact]
    public void A_refusal_stops_the_decision_until_it_is_redrafted()
    {
        var award = Recommended();
        award.DraftDecision(Decision);
        award.Sign(Signatory.FinanceOfficer, "p-cfo", "CFO", "Funded", SignedAt);

        award.RefuseToSign(Signatory.ChiefExecutive, "p-ceo", "CEO", "The executive summary omits the TUPE costs.", SignedAt);

        Assert.Equal(AwardStage.Refused, award.StageAt(SignedAt));
        var stopped = Assert.Throws<AwardException>(() => award.Sign(Signatory.ChiefExecutive, "p-ceo", "CEO", "", SignedAt));
        Assert.Contains("omits the TUPE costs", stopped.Message);
        award.DraftDecision(Decision with { ExecutiveSummary = "Includes TUPE costs." });
        Assert.Empty(award.Signatures);
        Assert.Equal(Signatory.FinanceOfficer, award.NextSignatory);
        Assert.Throws<AwardException>(() => award.RefuseToSign(Signatory.FinanceOfficer, "p-cfo", "CFO", " ", SignedAt));
    }

    [Fact]
    public void The_contract_is_entered_only_after_standstill_for_48_months_from_1_April_2023()
    {
        var award = Decided();
        var during = Assert.Throws<AwardException>(() => award.EnterContract(Guid.NewGuid(), SignedAt.AddDays(3)));
        Assert.Contains("Standstill runs until", during.Message);

        var contract = award.EnterContract(Guid.NewGuid(), award.StandstillEnds!.Value);

        Assert.Equal(("victim-support", "kent", new DateOnly(2023, 4, 1), new DateOnly(2027, 3, 31), 1_000_000_00L),
            (contract.Supplier, contract.Commissioner, contract.Start, contract.InitialEnd, contract.AnnualValuePence));
        Assert.Equal((36, 12), (contract.ExtensionAllowanceMonths, contract.ExtensionStepMonths));
        Assert.Equal(AwardStage.Contracted, award.StageAt(award.StandstillEnds.Value));
        Assert.Throws<AwardException>(() => award.EnterContract(Guid.NewGuid(), award.StandstillEnds.Value));
    }

    [Fact]
    public void A_challenge_during_standstill_suspends_the_award_until_it_is_resolved()
    {
        var award = Decided();
        award.RecordChallenge("catch-22", "Price scoring misapplied", "p-ola", SignedAt.AddDays(2));
        var ends = award.StandstillEnds!.Value;

        var suspended = Assert.Throws<AwardException>(() => award.EnterContract(Guid.NewGuid(), ends.AddDays(5)));
        Assert.Contains("suspended", suspended.Message);
        Assert.Equal(AwardStage.Suspended, award.StageAt(ends.AddDays(5)));

        award.ResolveChallenge("Withdrawn by the supplier after a debrief", ends.AddDays(6));
        award.EnterContract(Guid.NewGuid(), ends.AddDays(6));
        Assert.Throws<AwardException>(() => Decided().RecordChallenge("catch-22", "Too late", "p-ola", ends.AddDays(1)));
        Assert.Throws<AwardException>(() => Decided().RecordChallenge("devon-support", "Not a bidder", "p-ola", SignedAt.AddDays(1)));
    }

    [Fact]
    public void Extensions_take_one_step_of_the_allowance_each_and_never_more_than_the_allowance()
    {
        var award = Decided();
        award.EnterContract(Guid.NewGuid(), award.StandstillEnds!.Value);
        var nearEnd = new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);

        var wrongStep = Assert.Throws<AwardException>(() => award.Extend("OPCC.D.001.27", 6, 1_050_000_00, "p-pcc", "", nearEnd));
        Assert.Equal(AwardRefusal.InvalidArgument, wrongStep.Kind);
        var first = award.Extend("OPCC.D.001.27", 12, 1_050_000_00, "p-pcc", "Sustained performance", nearEnd);
        award.Extend("OPCC.D.001.28", 12, 1_080_000_00, "p-pcc", "", nearEnd.AddYears(1));
        award.Extend("OPCC.D.001.29", 12, 1_100_000_00, "p-pcc", "", nearEnd.AddYears(2));

        Assert.Equal((new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31)), (first.From, first.To));
        Assert.Equal(new DateOnly(2030, 3, 31), award.Contract!.CurrentEnd);
        var beyond = Assert.Throws<AwardException>(() => award.Extend("OPCC.D.001.30", 12, 1_100_000_00, "p-pcc", "", nearEnd.AddYears(3)));
        Assert.Contains("allowance is 36 months and 36 are taken", beyond.Message);
    }

    [Fact]
    public void An_ended_contract_cannot_be_extended()
    {
        var award = Decided();
        award.EnterContract(Guid.NewGuid(), award.StandstillEnds!.Value);

        var ended = Assert.Throws<AwardException>(() =>
            award.Extend("OPCC.D.001.27", 12, 1_050_000_00, "p-pcc", "", new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.Zero)));

        Assert.Contains("ended on 2027-03-31", ended.Message);
    }

    [Fact]
    public void Every_bidder_gets_its_own_scores_beside_the_winners_once_notified()
    {
        Assert.Throws<AwardException>(() => Recommended().AssessmentSummaries());
        var summaries = Decided().AssessmentSummaries();

        var catch22 = summaries.Single(s => s.Supplier == "catch-22");
        Assert.False(catch22.Successful);
        Assert.Equal("victim-support", catch22.Winner.Supplier);
        Assert.Equal(3, catch22.Own.Criteria.Single(c => c.CriterionId == "Q1").ModeratedScore);
        Assert.True(summaries.Single(s => s.Supplier == "victim-support").Successful);
    }

    [Fact]
    public void Nothing_is_awarded_when_the_evaluation_ranked_no_bid()
    {
        var award = Award.Recommend(Guid.NewGuid(), TenderId, "kent", "kent", Regime.Pcr2015, Terms, Guid.NewGuid(),
            [Ranking[1] with { Rank = null, ExclusionReason = "Quality marks below the minimum" }]);

        Assert.Equal(AwardStage.NoAward, award.StageAt(SignedAt));
        Assert.Contains("nothing to award", Assert.Throws<AwardException>(() => award.DraftDecision(Decision)).Message);
    }
}
