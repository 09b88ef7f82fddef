namespace Procurement.Moderation.Domain;

/// <summary>
/// One opened bid of the lot, with the panel's moderated score (criterion id → score on the lot's
/// scale) for every quality and social-value criterion of the lot.
/// </summary>
public sealed record BidToRank(
    Guid BidId,
    string Supplier,
    long AnnualPricePence,
    bool CompliantAtOpening,
    IReadOnlyList<string> NonComplianceReasons,
    IReadOnlyDictionary<string, int> ModeratedScores);

/// <summary>The marks of one criterion; a price criterion has no moderated score.</summary>
public sealed record CriterionMark(string CriterionId, CriterionKind Kind, int? ModeratedScore, decimal Marks);

/// <summary>
/// A bid's marks, exact (see <see cref="EvaluationResults"/>). A ranked bid has a rank and no
/// exclusion reason; an excluded bid has a reason, no rank and no price marks (its total is then
/// quality + social value, shown for its assessment summary, never compared).
/// </summary>
public sealed record BidResult(
    Guid BidId,
    string Supplier,
    long AnnualPricePence,
    IReadOnlyList<CriterionMark> Marks,
    decimal QualityMarks,
    decimal SocialValueMarks,
    decimal PriceMarks,
    decimal TotalMarks,
    int? Rank,
    string? ExclusionReason);

/// <summary>The ranked bids first (rank 1..n), then the excluded ones by supplier id and bid id.</summary>
public sealed record EvaluationResult(IReadOnlyList<BidResult> Bids)
{
    public IEnumerable<BidResult> Ranked => Bids.Where(b => b.Rank is not null);

    public IEnumerable<BidResult> Excluded => Bids.Where(b => b.Rank is null);
}
