using Procurement.Moderation.Domain;
using static Procurement.Moderation.Tests.Domain.SeedLots;

namespace Procurement.Moderation.Tests.Domain;

public sealed class EvaluationResultsTests
{
    private static BidResult Of(EvaluationResult result, string supplier) => result.Bids.Single(b => b.Supplier == supplier);

    [Fact]
    public void Seed_case_Victim_Support_wins_Kent_on_quality_against_a_cheaper_bid()
    {
        var result = EvaluationResults.Calculate(Kent(),
        [
            KentBid("victim-support", 1_000_000, q1: 4, q2: 4, q3: 3, sv1: 4),
            KentBid("catch-22", 950_000, q1: 3, q2: 4, q3: 4, sv1: 3),
        ]);

        Assert.Equal(["victim-support", "catch-22"], result.Bids.Select(b => b.Supplier));
        var winner = result.Bids[0];
        Assert.Equal(
        [
            new CriterionMark("Q1", CriterionKind.Quality, 4, 24m),
            new CriterionMark("Q2", CriterionKind.Quality, 4, 16m),
            new CriterionMark("Q3", CriterionKind.Quality, 3, 6m),
            new CriterionMark("SV1", CriterionKind.SocialValue, 4, 8m),
            new CriterionMark("PRICE", CriterionKind.Price, null, 28.5m),
        ], winner.Marks);
        Assert.Equal((46m, 8m, 28.5m, 82.5m, 1, (string?)null),
            (winner.QualityMarks, winner.SocialValueMarks, winner.PriceMarks, winner.TotalMarks, winner.Rank, winner.ExclusionReason));
        Assert.Equal(100_000_000, winner.AnnualPricePence);

        var second = result.Bids[1];
        Assert.Equal([18m, 16m, 8m, 6m, 30m], second.Marks.Select(m => m.Marks));
        Assert.Equal((42m, 6m, 30m, 78m, 2), (second.QualityMarks, second.SocialValueMarks, second.PriceMarks, second.TotalMarks, second.Rank));
    }

    [Fact]
    public void A_single_bid_gets_the_full_price_marks_and_rank_one()
    {
        var only = Assert.Single(EvaluationResults.Calculate(Kent(), [KentBid("victim-support", 1_000_000, 3, 3, 3, 3)]).Bids);
        Assert.Equal((36m, 6m, 30m, 72m, 1), (only.QualityMarks, only.SocialValueMarks, only.PriceMarks, only.TotalMarks, only.Rank));
    }

    [Fact]
    public void No_bids_give_no_ranked_bids() =>
        Assert.Empty(EvaluationResults.Calculate(Kent(), []).Bids);

    [Fact]
    public void When_every_bid_is_below_the_quality_threshold_none_is_ranked_and_each_says_why()
    {
        var result = EvaluationResults.Calculate(Kent(),
        [
            KentBid("victim-support", 1_000_000, q1: 1, q2: 2, q3: 3, sv1: 5),
            KentBid("catch-22", 950_000, q1: 2, q2: 2, q3: 1, sv1: 5),
        ]);

        Assert.Empty(result.Ranked);
        Assert.Equal(["catch-22", "victim-support"], result.Bids.Select(b => b.Supplier));
        Assert.All(result.Bids, b => Assert.Equal((0m, (int?)null), (b.PriceMarks, b.Rank)));
        // 22 of 60 is 36.666…%: the reason cuts it to 36.6 rather than rounding it up.
        Assert.Equal("Quality marks 22.00 of 60 (36.6%) are below the minimum of 50%", result.Bids[0].ExclusionReason);
        Assert.Equal("Quality marks 20.00 of 60 (33.3%) are below the minimum of 50%", result.Bids[1].ExclusionReason);
        var victimSupport = result.Bids[1];
        Assert.Equal([6m, 8m, 6m, 10m, 0m], victimSupport.Marks.Select(m => m.Marks));
        Assert.Equal((20m, 10m, 30m), (victimSupport.QualityMarks, victimSupport.SocialValueMarks, victimSupport.TotalMarks));
    }

    [Fact]
    public void Quality_exactly_on_the_threshold_stays_in_and_social_value_does_not_count_towards_it()
    {
        var result = EvaluationResults.Calculate(Kent(),
        [
            KentBid("victim-support", 1_000_000, q1: 3, q2: 2, q3: 2, sv1: 0),
            KentBid("catch-22", 500_000, q1: 3, q2: 2, q3: 1, sv1: 5),
        ]);

        var inTheRunning = Assert.Single(result.Ranked);
        Assert.Equal(("victim-support", 30m, 30m), (inTheRunning.Supplier, inTheRunning.QualityMarks, inTheRunning.PriceMarks));
        Assert.Equal("Quality marks 28.00 of 60 (46.6%) are below the minimum of 50%", Of(result, "catch-22").ExclusionReason);
    }

    [Fact]
    public void A_non_compliant_bid_needs_no_moderated_scores_and_shows_none()
    {
        var unscored = KentBid("catch-22", 800_000, 5, 5, 5, 5) with
        {
            CompliantAtOpening = false,
            NonComplianceReasons = ["No response to criterion Q3."],
            ModeratedScores = new Dictionary<string, int>(),
        };
        var result = EvaluationResults.Calculate(Kent(), [KentBid("victim-support", 1_000_000, 4, 4, 3, 4), unscored]);

        var excluded = Of(result, "catch-22");
        Assert.Null(excluded.Rank);
        Assert.All(excluded.Marks, m => Assert.Equal(((int?)null, 0m), (m.ModeratedScore, m.Marks)));
        Assert.Equal(0m, excluded.TotalMarks);
        Assert.Throws<ArgumentException>(() =>
            EvaluationResults.Calculate(Kent(), [KentBid("victim-support", 1_000_000, 4, 4, 3, 4) with { ModeratedScores = new Dictionary<string, int>() }]));
    }

    [Fact]
    public void A_non_compliant_bid_is_excluded_with_its_reasons_and_does_not_set_the_lowest_price()
    {
        var nonCompliant = KentBid("catch-22", 800_000, 5, 5, 5, 5) with
        {
            CompliantAtOpening = false,
            NonComplianceReasons = ["No response to criterion Q3.", "The supplier did not accept the contract terms."],
        };
        var result = EvaluationResults.Calculate(Kent(), [KentBid("victim-support", 1_000_000, 4, 4, 3, 4), nonCompliant]);

        Assert.Equal((1, 30m), (result.Bids[0].Rank, result.Bids[0].PriceMarks));
        var excluded = result.Bids[1];
        Assert.Equal("Non-compliant at opening: No response to criterion Q3. The supplier did not accept the contract terms.", excluded.ExclusionReason);
        Assert.Equal(((int?)null, 60m, 10m, 0m, 70m), (excluded.Rank, excluded.QualityMarks, excluded.SocialValueMarks, excluded.PriceMarks, excluded.TotalMarks));
    }

    [Fact]
    public void Non_compliance_is_the_reason_given_even_when_quality_is_also_below_the_threshold()
    {
        var bid = KentBid("catch-22", 800_000, 0, 0, 0, 0) with { CompliantAtOpening = false, NonComplianceReasons = ["The annual price must be in GBP, not EUR."] };
        var excluded = Assert.Single(EvaluationResults.Calculate(Kent(), [bid]).Bids);
        Assert.Equal("Non-compliant at opening: The annual price must be in GBP, not EUR.", excluded.ExclusionReason);
    }

    [Fact]
    public void Equal_totals_go_to_the_higher_quality_even_at_a_higher_price()
    {
        var result = EvaluationResults.Calculate(Kent(),
        [
            KentBid("catch-22", 1_000_000, q1: 4, q2: 3, q3: 2, sv1: 3),
            KentBid("victim-support", 1_500_000, q1: 4, q2: 4, q3: 4, sv1: 4),
        ]);

        Assert.Equal([76m, 76m], result.Bids.Select(b => b.TotalMarks));
        Assert.Equal([("victim-support", 48m, 1), ("catch-22", 40m, 2)], result.Bids.Select(b => (b.Supplier, b.QualityMarks, b.Rank!.Value)));
    }

    [Fact]
    public void Equal_totals_and_quality_go_to_the_lower_price()
    {
        var result = EvaluationResults.Calculate(Kent(),
        [
            KentBid("catch-22", 1_250_000, q1: 4, q2: 3, q3: 2, sv1: 5),
            KentBid("victim-support", 1_000_000, q1: 4, q2: 3, q3: 2, sv1: 2),
        ]);

        Assert.Equal([(74m, 40m), (74m, 40m)], result.Bids.Select(b => (b.TotalMarks, b.QualityMarks)));
        Assert.Equal(["victim-support", "catch-22"], result.Bids.Select(b => b.Supplier));
        Assert.Equal([1, 2], result.Bids.Select(b => b.Rank!.Value));
    }

    [Theory]
    [InlineData("catch-22", "victim-support")]
    [InlineData("Zeta", "alpha")] // ordinal: upper case sorts before lower case, whatever the culture
    public void A_full_tie_goes_to_the_supplier_id_first_in_ordinal_order(string first, string second)
    {
        var result = EvaluationResults.Calculate(Kent(), [KentBid(second, 1_000_000, 4, 4, 4, 4), KentBid(first, 1_000_000, 4, 4, 4, 4)]);
        Assert.Equal([(first, 1), (second, 2)], result.Bids.Select(b => (b.Supplier, b.Rank!.Value)));
    }

    [Fact]
    public void Equal_prices_both_get_the_full_price_marks()
    {
        var result = EvaluationResults.Calculate(Kent(), [KentBid("victim-support", 1_000_000, 4, 4, 3, 4), KentBid("catch-22", 1_000_000, 3, 4, 4, 3)]);
        Assert.All(result.Bids, b => Assert.Equal(30m, b.PriceMarks));
    }

    [Fact]
    public void Without_a_threshold_a_low_quality_bid_is_ranked()
    {
        var lot = Kent() with { MinimumQualityPercent = null };
        var result = EvaluationResults.Calculate(lot, [KentBid("victim-support", 1_000_000, 4, 4, 3, 4), KentBid("catch-22", 500_000, 0, 1, 0, 0)]);

        Assert.Empty(result.Excluded);
        var cheap = Of(result, "catch-22");
        Assert.Equal((4m, 30m, 34m, 2), (cheap.QualityMarks, cheap.PriceMarks, cheap.TotalMarks, cheap.Rank));
        Assert.Equal((15m, 69m), (Of(result, "victim-support").PriceMarks, Of(result, "victim-support").TotalMarks));
    }

    [Fact]
    public void On_a_1_to_10_scale_marks_are_the_score_over_ten_of_the_weight()
    {
        var lot = Kent() with { Scale = new ScoringScale(1, 10) };
        var result = EvaluationResults.Calculate(lot, [KentBid("victim-support", 1_000_000, 7, 8, 9, 6), KentBid("catch-22", 1_000_000, 4, 5, 6, 10)]);

        var winner = result.Bids[0];
        Assert.Equal([21m, 16m, 9m, 6m, 30m], winner.Marks.Select(m => m.Marks));
        Assert.Equal(("victim-support", 46m, 6m, 82m), (winner.Supplier, winner.QualityMarks, winner.SocialValueMarks, winner.TotalMarks));
        // 12 + 10 + 6 = 28 of 60 is below 50% on this scale too.
        Assert.Equal("Quality marks 28.00 of 60 (46.6%) are below the minimum of 50%", Of(result, "catch-22").ExclusionReason);
    }

    [Fact]
    public void Essex_lot_one_quality_question_and_price()
    {
        var result = EvaluationResults.Calculate(Essex(),
        [
            Bid("victim-support", 550_000, new() { ["Q1"] = 5 }),
            Bid("catch-22", 440_000, new() { ["Q1"] = 3 }),
        ]);

        Assert.Equal(
        [
            ("victim-support", 60m, 0m, 32m, 92m, 1),
            ("catch-22", 36m, 0m, 40m, 76m, 2),
        ], result.Bids.Select(b => (b.Supplier, b.QualityMarks, b.SocialValueMarks, b.PriceMarks, b.TotalMarks, b.Rank!.Value)));
        Assert.Equal([new CriterionMark("Q1", CriterionKind.Quality, 5, 60m), new CriterionMark("PRICE", CriterionKind.Price, null, 32m)], result.Bids[0].Marks);
    }

    [Fact]
    public void Totals_equal_as_fractions_are_tied_even_when_their_decimals_differ_in_the_last_digit()
    {
        // On 0–3 every mark is a third: 100/3 + 10/3 + 80/3 and 50/3 + 20/3 + 40 are both 190/3.
        var lot = new LotModel("thirds", "kent",
            [new("Q1", CriterionKind.Quality, 50), new("SV1", CriterionKind.SocialValue, 10), new("PRICE", CriterionKind.Price, 40)],
            new ScoringScale(0, 3), MinimumQualityPercent: null);
        var result = EvaluationResults.Calculate(lot,
        [
            Bid("catch-22", 1_000_000, new() { ["Q1"] = 1, ["SV1"] = 2 }),
            Bid("victim-support", 1_500_000, new() { ["Q1"] = 2, ["SV1"] = 1 }),
        ]);

        // Summed in decimal, catch-22's total ends …334 and Victim Support's …333: ranked on those,
        // catch-22 would win. As fractions they tie, and Victim Support's higher quality decides.
        Assert.True(Of(result, "catch-22").TotalMarks > Of(result, "victim-support").TotalMarks);
        Assert.Equal(["victim-support", "catch-22"], result.Bids.Select(b => b.Supplier));
        Assert.All(result.Bids, b => Assert.Equal(63.33m, EvaluationResults.ForPresentation(b.TotalMarks)));
    }

    [Fact]
    public void Marks_are_presented_to_two_places_with_halves_away_from_zero()
    {
        Assert.Equal(36.36m, EvaluationResults.ForPresentation(400m / 11m));
        Assert.Equal(28.58m, EvaluationResults.ForPresentation(28.575m));
        Assert.Equal(28.57m, EvaluationResults.ForPresentation(28.5749m));
    }

    [Fact]
    public void A_missing_moderated_score_is_a_usage_error_naming_bid_and_criterion()
    {
        var bid = Bid("catch-22", 1_000_000, new() { ["Q1"] = 3, ["Q2"] = 3, ["SV1"] = 3 });
        var error = Assert.Throws<ArgumentException>(() => EvaluationResults.Calculate(Kent(), [bid]));
        Assert.StartsWith($"Bid {bid.BidId} (catch-22) has no moderated score for criterion Q3;", error.Message);
    }

    [Fact]
    public void A_score_outside_the_scale_is_a_usage_error()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationResults.Calculate(Kent(), [KentBid("catch-22", 1_000_000, 3, 6, 3, 3)]));
        Assert.Contains("(catch-22) has moderated score 6 for criterion Q2, outside the scale 0 to 5.", error.Message);
    }

    [Fact]
    public void A_score_for_a_criterion_the_lot_does_not_score_is_a_usage_error()
    {
        // Essex's Q1-only scores are no use for Kent, and a score for Kent's price is never the panel's.
        var bid = Bid("catch-22", 1_000_000, new() { ["Q1"] = 3, ["Q2"] = 3, ["Q3"] = 3, ["SV1"] = 3, ["PRICE"] = 5 });
        var error = Assert.Throws<ArgumentException>(() => EvaluationResults.Calculate(Kent(), [bid]));
        Assert.Contains("has a moderated score for criterion PRICE, which lot kent does not score.", error.Message);
    }

    [Fact]
    public void A_bid_in_the_running_without_a_price_above_zero_is_a_usage_error_but_an_excluded_one_is_not()
    {
        var free = KentBid("catch-22", 0, 4, 4, 4, 4);
        var error = Assert.Throws<ArgumentException>(() => EvaluationResults.Calculate(Kent(), [free]));
        Assert.Contains("(catch-22) has an annual price of 0 pence", error.Message);

        var excluded = free with { CompliantAtOpening = false, NonComplianceReasons = ["The annual price must be more than zero."] };
        Assert.Empty(EvaluationResults.Calculate(Kent(), [excluded]).Ranked);
    }
}
