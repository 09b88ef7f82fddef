using Procurement.Contracts.Moderation.V1;
using Procurement.Web.Pages.Evaluations;

namespace Procurement.Web.Tests.Unit;

public sealed class ScoreMatrixTests
{
    private static Evaluation KentEvaluation()
    {
        var evaluation = new Evaluation { Scale = new ScaleInfo { Minimum = 0, Maximum = 5 } };
        evaluation.Evaluators.Add(new PanelMember { PersonId = "p-kim", Name = "Kim Evaluator" });
        evaluation.Evaluators.Add(new PanelMember { PersonId = "p-kforce", Name = "Kerry Force" });
        evaluation.Bids.Add(new EvaluatedBid { BidId = "b-vs", Supplier = "victim-support" });
        evaluation.Bids.Add(new EvaluatedBid { BidId = "b-c22", Supplier = "catch-22" });
        evaluation.Criteria.Add(new CriterionInfo { CriterionId = "Q1", Kind = "quality", WeightPercent = 50 });
        evaluation.Criteria.Add(new CriterionInfo { CriterionId = "PRICE", Kind = "price", WeightPercent = 40 });
        evaluation.Criteria.Add(new CriterionInfo { CriterionId = "SV1", Kind = "social_value", WeightPercent = 10 });
        return evaluation;
    }

    private static CriterionScores Cell(string bid, string criterion, bool flagged, params (string Person, int Score)[] scores)
    {
        var cell = new CriterionScores { BidId = bid, CriterionId = criterion, SpreadFlagged = flagged };
        cell.Individual.AddRange(scores.Select(s => new IndividualScore { PersonId = s.Person, BidId = bid, CriterionId = criterion, Score = s.Score }));
        return cell;
    }

    [Fact]
    public void Rows_are_the_scored_criteria_of_each_bid_with_a_column_per_evaluator_in_panel_order()
    {
        var flagged = Cell("b-vs", "Q1", true, ("p-kforce", 3), ("p-kim", 5));
        flagged.Moderated = new ModeratedScore { Score = 4 };
        var matrix = ScoreMatrix.Of(KentEvaluation(), [flagged, Cell("b-c22", "Q1", false, ("p-kim", 3))],
            new Dictionary<string, string> { ["Q1"] = "Service delivery" });

        Assert.Equal(["catch-22", "victim-support"], matrix.Bids.Select(b => b.Supplier));
        Assert.All(matrix.Bids, b => Assert.Equal(["Q1", "SV1"], b.Rows.Select(r => r.CriterionId)));
        var vs = matrix.Bids[1].Rows[0];
        Assert.Equal(("Service delivery", 50), (vs.Title, vs.WeightPercent));
        Assert.Equal([5, 3], vs.Scores);
        Assert.Equal((2, true, 4), (vs.Spread, vs.SpreadFlagged, vs.Moderated?.Score));
        Assert.Equal(1, matrix.FlaggedCount);

        // Not scored yet (or not shown to the caller): an empty cell, and no spread from one score alone beyond 0.
        var c22 = matrix.Bids[0];
        Assert.Equal([3, null], c22.Rows[0].Scores);
        Assert.Equal(0, c22.Rows[0].Spread);
        Assert.Equal("SV1", c22.Rows[1].Title);
        Assert.Null(c22.Rows[1].Spread);
        Assert.Null(c22.Rows[1].Moderated);
    }

    [Theory]
    [InlineData(0, 5, 0, 0)]
    [InlineData(0, 5, 5, 4)]
    [InlineData(0, 5, 3, 2)]
    [InlineData(0, 5, 4, 3)]
    [InlineData(0, 10, 10, 4)]
    [InlineData(1, 5, 1, 0)]
    [InlineData(0, 5, 7, 4)]
    public void A_score_is_shaded_by_where_it_falls_on_the_scale(int minimum, int maximum, int score, int shade)
    {
        var evaluation = KentEvaluation();
        evaluation.Scale = new ScaleInfo { Minimum = minimum, Maximum = maximum };
        Assert.Equal(shade, ScoreMatrix.Of(evaluation, [], new Dictionary<string, string>()).Shade(score));
    }
}
