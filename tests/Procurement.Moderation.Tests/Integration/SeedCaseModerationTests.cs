using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Moderation.Tests.Integration.Support;

namespace Procurement.Moderation.Tests.Integration;

/// <summary>
/// The seed case: two suppliers bid for both lots; Kent's and Essex's panels score separately, reach
/// different rankings, and Kent completes while Essex is still scoring.
/// </summary>
public sealed class SeedCaseModerationTests : ModerationTestBase
{
    private static readonly Dictionary<string, int> KentStrong = new() { ["Q1"] = 5, ["Q2"] = 4, ["Q3"] = 4, ["SV1"] = 4 };
    private static readonly Dictionary<string, int> KentWeaker = new() { ["Q1"] = 3, ["Q2"] = 3, ["Q3"] = 2, ["SV1"] = 3 };

    [Fact]
    public async Task Kent_and_Essex_moderate_separately_reach_different_rankings_and_Kent_completes_first()
    {
        var tender = await OpenJointTenderAsync();
        var vsBid = tender.BidIds[("victim-support", "kent")];
        var c22Bid = tender.BidIds[("catch-22", "kent")];

        // Each commissioning officer appoints a panel of their own people.
        await AppointAsync(tender.Kent, People.KentOfficer, People.KentChair, People.KentOffice, People.KentForce);
        await AppointAsync(tender.Essex, People.EssexOfficer, People.EssexChair, People.EssexOffice, People.EssexForce);
        await DeclareNoConflictsAsync(tender.Kent, People.KentChair, People.KentOffice, People.KentForce);
        await DeclareNoConflictsAsync(tender.Essex, People.EssexChair, People.EssexOffice, People.EssexForce);

        // Kent's evaluators read the bids (from the bid service, on their behalf) and score.
        var toScore = await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = tender.Kent }, As(People.KentOffice));
        Assert.Equal(2, toScore.Offers.Count);
        Assert.All(toScore.Offers, o => Assert.Equal("kent", o.Offer.LotId));
        await ScoreAsync(tender.Kent, People.KentOffice, vsBid, KentStrong);
        await ScoreAsync(tender.Kent, People.KentOffice, c22Bid, KentWeaker);
        await ScoreAsync(tender.Kent, People.KentForce, vsBid, new Dictionary<string, int> { ["Q1"] = 3, ["Q2"] = 4, ["Q3"] = 4, ["SV1"] = 4 });
        await ScoreAsync(tender.Kent, People.KentForce, c22Bid, KentWeaker);
        // Essex starts scoring too, but only one of its evaluators finishes.
        await ScoreAsync(tender.Essex, People.EssexOffice, tender.BidIds[("catch-22", "essex")], new Dictionary<string, int> { ["Q1"] = 4 });
        await ScoreAsync(tender.Essex, People.EssexOffice, tender.BidIds[("victim-support", "essex")], new Dictionary<string, int> { ["Q1"] = 3 });
        await Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = tender.Essex }, As(People.EssexOffice));

        foreach (var evaluator in new[] { People.KentOffice, People.KentForce })
            await Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = tender.Kent }, As(evaluator));

        // Kent's chair sees the individual scores and the spread flag, and moderates.
        var scores = await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = tender.Kent }, As(People.KentChair));
        var q1 = scores.Scores.Single(s => s.BidId == vsBid && s.CriterionId == "Q1");
        Assert.Equal([3, 5], q1.Individual.Select(s => s.Score).Order());
        Assert.True(q1.SpreadFlagged);
        foreach (var (bid, agreed) in new[] { (vsBid, KentStrong), (c22Bid, KentWeaker) })
        foreach (var (criterion, score) in agreed)
            await Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
            {
                EvaluationId = tender.Kent, BidId = bid, CriterionId = criterion, Score = score, Rationale = "Agreed at the moderation meeting",
            }, As(People.KentChair));
        var completed = await Moderation.CompleteEvaluationAsync(new CompleteEvaluationRequest { EvaluationId = tender.Kent }, As(People.KentChair));
        Assert.Equal(Stage.Completed, completed.Stage);

        // Essex is still scoring; Kent's completion did not wait for it, nor touch it.
        var essex = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = tender.Essex }, As(People.EssexOfficer));
        Assert.Equal(Stage.Scoring, essex.Stage);
        var announced = await Eventually.Single(() => CompletedFor(tender.TenderId).SingleOrDefault(), "EvaluationCompleted for Kent");
        Assert.Equal(("kent", "kent"), (announced.LotId, announced.Commissioner));
        Assert.Equal(["victim-support", "catch-22"], announced.Bids.OrderBy(b => b.Rank).Select(b => b.Supplier));
        Assert.Equal(4, announced.Bids[0].Criteria.Count(c => c.ModeratedScore is not null));

        // Essex finishes later, and ranks Catch22 first.
        await ScoreAsync(tender.Essex, People.EssexForce, tender.BidIds[("catch-22", "essex")], new Dictionary<string, int> { ["Q1"] = 4 });
        await ScoreAsync(tender.Essex, People.EssexForce, tender.BidIds[("victim-support", "essex")], new Dictionary<string, int> { ["Q1"] = 3 });
        await Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = tender.Essex }, As(People.EssexForce));
        foreach (var (supplier, score) in new[] { ("catch-22", 4), ("victim-support", 3) })
            await Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
            {
                EvaluationId = tender.Essex, BidId = tender.BidIds[(supplier, "essex")], CriterionId = "Q1", Score = score, Rationale = "Agreed",
            }, As(People.EssexChair));
        await Moderation.CompleteEvaluationAsync(new CompleteEvaluationRequest { EvaluationId = tender.Essex }, As(People.EssexChair));

        var kentResults = await Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = tender.Kent }, As(People.KentOfficer));
        var essexResults = await Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = tender.Essex }, As(People.EssexOfficer));
        Assert.Equal("victim-support", kentResults.Bids.Single(b => b.Rank == 1).Supplier);
        Assert.Equal("catch-22", essexResults.Bids.Single(b => b.Rank == 1).Supplier);
        // Kent: Victim Support 5/5×30 + 4/5×20 + 4/5×10 + 4/5×10 + 30 (lowest price) = 30 + 16 + 8 + 8 + 30.
        Assert.Equal("92", kentResults.Bids.Single(b => b.Rank == 1).TotalMarks);
        await Eventually.True(() => CompletedFor(tender.TenderId).Count == 2, "EvaluationCompleted for Essex");

        // Kent's people never see Essex's evaluation.
        var hidden = await Assert.ThrowsAsync<RpcException>(async () =>
            await Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = tender.Essex }, As(People.KentOfficer)));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }
}
