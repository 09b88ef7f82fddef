using Procurement.Contracts.Events;
using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Grpc;

/// <summary>The integration events of an evaluation (Procurement.Contracts.Events).</summary>
internal static class EvaluationEvents
{
    public static EvaluationCompleted Completed(Evaluation evaluation)
    {
        var result = evaluation.Result ?? throw new InvalidOperationException("Only a completed evaluation is announced.");
        var weights = evaluation.Lot.Criteria.ToDictionary(c => c.CriterionId, c => c.WeightPercent, StringComparer.Ordinal);
        var currencies = evaluation.Bids.ToDictionary(b => b.BidId, b => b.Currency);
        return new EvaluationCompleted(
            evaluation.Id, evaluation.TenderId, evaluation.Lot.LotId, evaluation.Commissioner,
            [.. result.Bids.Select(b => new RankedBid(
                b.BidId, b.Supplier, new Money(b.AnnualPricePence, currencies[b.BidId]), b.Rank, b.ExclusionReason,
                b.QualityMarks, b.SocialValueMarks, b.PriceMarks, b.TotalMarks,
                [.. b.Marks.Select(m => new CriterionResult(m.CriterionId, ModerationMapping.KindName(m.Kind), weights[m.CriterionId], m.ModeratedScore, m.Marks))]))],
            evaluation.CompletedAt!.Value);
    }
}
