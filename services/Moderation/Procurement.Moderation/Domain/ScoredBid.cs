namespace Procurement.Moderation.Domain;

/// <summary>
/// A bid with its moderated scores checked and weighted (score × weight, an integer; marks are these
/// points ÷ the scale maximum) and its exclusion, if any, decided: the step before price and rank.
/// </summary>
internal sealed record ScoredBid(BidToRank Bid, long QualityPoints, long SocialValuePoints, string? ExclusionReason)
{
    public static ScoredBid Of(LotModel lot, BidToRank bid)
    {
        RequireCompleteScores(lot, bid);
        var quality = Points(lot, bid, CriterionKind.Quality);
        var socialValue = Points(lot, bid, CriterionKind.SocialValue);
        return new(bid, quality, socialValue, NonCompliance(bid) ?? BelowThreshold(lot, quality));
    }

    public BidResult Result(LotModel lot, long? lowestPrice, int? rank)
    {
        var maximum = (decimal)lot.Scale.Maximum;
        var marks = lot.Criteria.Select(c => c.Kind == CriterionKind.Price
            ? new CriterionMark(c.CriterionId, c.Kind, null, PriceMarks(lowestPrice, c.WeightPercent))
            : Bid.ModeratedScores.TryGetValue(c.CriterionId, out var score)
                ? new CriterionMark(c.CriterionId, c.Kind, score, (decimal)score * c.WeightPercent / maximum)
                : new CriterionMark(c.CriterionId, c.Kind, null, 0m));   // a bid non-compliant at opening is not scored
        var quality = QualityPoints / maximum;
        var socialValue = SocialValuePoints / maximum;
        var price = PriceMarks(lowestPrice, EvaluationResults.PriceWeight(lot));
        return new(Bid.BidId, Bid.Supplier, Bid.AnnualPricePence, [.. marks], quality, socialValue, price, quality + socialValue + price, rank, ExclusionReason);
    }

    private decimal PriceMarks(long? lowestPrice, int weight) =>
        lowestPrice is { } lowest ? (decimal)lowest * weight / Bid.AnnualPricePence : 0m;

    private static long Points(LotModel lot, BidToRank bid, CriterionKind kind) =>
        lot.Criteria.Where(c => c.Kind == kind).Sum(c => (long)bid.ModeratedScores.GetValueOrDefault(c.CriterionId) * c.WeightPercent);

    private static void RequireCompleteScores(LotModel lot, BidToRank bid)
    {
        var scored = lot.ScoredCriteria.Select(c => c.CriterionId).ToHashSet(StringComparer.Ordinal);
        foreach (var criterion in scored)
        {
            if (!bid.ModeratedScores.TryGetValue(criterion, out var score))
            {
                // Panels score only bids compliant at opening; the others are excluded with their reasons.
                if (!bid.CompliantAtOpening) continue;
                throw new ArgumentException($"Bid {bid.BidId} ({bid.Supplier}) has no moderated score for criterion {criterion}; results are calculated only once moderation is complete.", "bids");
            }
            if (!lot.Scale.Contains(score))
                throw new ArgumentException($"Bid {bid.BidId} ({bid.Supplier}) has moderated score {score} for criterion {criterion}, outside the scale {lot.Scale.Minimum} to {lot.Scale.Maximum}.", "bids");
        }
        foreach (var stray in bid.ModeratedScores.Keys.Where(k => !scored.Contains(k)))
            throw new ArgumentException($"Bid {bid.BidId} ({bid.Supplier}) has a moderated score for criterion {stray}, which lot {lot.LotId} does not score.", "bids");
    }

    private static string? NonCompliance(BidToRank bid) =>
        bid.CompliantAtOpening ? null
        : bid.NonComplianceReasons.Count == 0 ? "Non-compliant at opening: no reason was recorded."
        : "Non-compliant at opening: " + string.Join(" ", bid.NonComplianceReasons);

    /// <summary>Decided in integers: points × 100 &lt; minimum % × scale maximum × available quality weight.</summary>
    private static string? BelowThreshold(LotModel lot, long qualityPoints)
    {
        if (lot.MinimumQualityPercent is not { } minimum) return null;
        long available = lot.Criteria.Where(c => c.Kind == CriterionKind.Quality).Sum(c => c.WeightPercent);
        if (qualityPoints * 100 >= (long)minimum * lot.Scale.Maximum * available) return null;
        var marks = (decimal)qualityPoints / lot.Scale.Maximum;
        var percent = (decimal)qualityPoints * 100 / (lot.Scale.Maximum * available);
        return $"Quality marks {EvaluationResults.Cut(marks, 2)} of {available} ({EvaluationResults.Cut(percent, 1)}%) are below the minimum of {minimum}%";
    }
}
