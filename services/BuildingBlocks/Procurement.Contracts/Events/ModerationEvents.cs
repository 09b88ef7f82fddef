namespace Procurement.Contracts.Events;

/// <summary>One criterion of a bid as moderated: the panel's agreed score (none for price) and the marks it earns.</summary>
public sealed record CriterionResult(string CriterionId, string Kind, int WeightPercent, int? ModeratedScore, decimal Marks);

/// <summary>A bid's outcome in its lot's evaluation: ranked (1 is the most advantageous), or excluded with the reason.</summary>
public sealed record RankedBid(
    Guid BidId, string Supplier, Money AnnualPrice, int? Rank, string? ExclusionReason,
    decimal QualityMarks, decimal SocialValueMarks, decimal PriceMarks, decimal TotalMarks,
    IReadOnlyList<CriterionResult> Criteria);

/// <summary>
/// A commissioner's panel completed the evaluation of its lot: the ranking and every bid's moderated
/// scores, from which the award service builds the assessment summaries.
/// </summary>
public sealed record EvaluationCompleted(
    Guid EvaluationId, Guid TenderId, string LotId, string Commissioner, IReadOnlyList<RankedBid> Bids, DateTimeOffset CompletedAt);
