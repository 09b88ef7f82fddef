using Microsoft.EntityFrameworkCore;
using Procurement.Awards.Domain;
using Procurement.Awards.Persistence;
using Procurement.Contracts.Events;
using Procurement.Messaging.Inbox;

namespace Procurement.Awards.Messaging;

/// <summary>Keeps what the award needs of its tender (regime, lots' contract terms, titles for OCDS) as the tender announces it.</summary>
public sealed class TenderPublishedConsumer(AwardDb db) : InboxConsumer<TenderPublished, AwardDb>(db)
{
    protected override async Task HandleAsync(TenderPublished message, AwardDb db, CancellationToken cancellationToken)
    {
        var row = await db.Tenders.FirstOrDefaultAsync(t => t.TenderId == message.TenderId, cancellationToken);
        if (row is not null && row.Revision >= message.Revision) return;
        if (row is null) db.Tenders.Add(row = new TenderInfoRow { TenderId = message.TenderId });
        row.Revision = message.Revision;
        row.Reference = message.Reference;
        row.Title = message.Title;
        row.Description = message.Description;
        row.ProcuringEntity = message.ProcuringEntity;
        row.Commissioners = [.. message.Commissioners];
        row.Regime = message.Regime;
        row.Lots = AwardJson.Write(message.Lots);
        row.PublishedAt = message.PublishedAt;
        row.SubmissionDeadline = message.SubmissionDeadline;
    }
}

/// <summary>The tender as amended, and the amendment itself (revision, summary, when) for the OCDS package.</summary>
public sealed class TenderAmendedConsumer(AwardDb db) : InboxConsumer<TenderAmended, AwardDb>(db)
{
    protected override async Task HandleAsync(TenderAmended message, AwardDb db, CancellationToken cancellationToken)
    {
        var row = await db.Tenders.FirstOrDefaultAsync(t => t.TenderId == message.TenderId, cancellationToken)
                  ?? throw TenderInfo.NotKnownYet(message.TenderId);
        if (row.Revision >= message.Revision) return;
        row.Revision = message.Revision;
        if (message.Title.Length > 0) row.Title = message.Title;
        if (message.Description.Length > 0) row.Description = message.Description;
        row.Lots = AwardJson.Write(message.Lots);
        row.SubmissionDeadline = message.SubmissionDeadline;
        row.Amendments = AwardJson.Write<List<TenderAmendmentRecord>>(
            [.. AwardJson.Read<List<TenderAmendmentRecord>>(row.Amendments), new(message.Revision, message.Summary, message.AmendedAt)]);
    }
}

public sealed class LotCancelledConsumer(AwardDb db) : InboxConsumer<LotCancelled, AwardDb>(db)
{
    protected override async Task HandleAsync(LotCancelled message, AwardDb db, CancellationToken cancellationToken)
    {
        var row = await db.Tenders.FirstOrDefaultAsync(t => t.TenderId == message.TenderId, cancellationToken)
                  ?? throw TenderInfo.NotKnownYet(message.TenderId);
        if (!row.CancelledLots.Contains(message.LotId)) row.CancelledLots = [.. row.CancelledLots, message.LotId];
    }
}

/// <summary>A lot's evaluation is complete: its award is recommended (rank 1), under the tender's regime and the lot's terms.</summary>
public sealed class EvaluationCompletedConsumer(AwardDb db, TimeProvider clock, ILogger<EvaluationCompletedConsumer> logger)
    : InboxConsumer<EvaluationCompleted, AwardDb>(db)
{
    protected override async Task HandleAsync(EvaluationCompleted message, AwardDb db, CancellationToken cancellationToken)
    {
        if (await db.Awards.AnyAsync(a => a.TenderId == message.TenderId && a.LotId == message.LotId, cancellationToken)) return;
        var tender = await db.Tenders.AsNoTracking().FirstOrDefaultAsync(t => t.TenderId == message.TenderId, cancellationToken)
                     ?? throw TenderInfo.NotKnownYet(message.TenderId);
        var lot = AwardJson.Read<List<LotSummary>>(tender.Lots).FirstOrDefault(l => l.LotId == message.LotId)
                  ?? throw new InvalidOperationException($"Tender {message.TenderId} has no lot {message.LotId}.");
        var award = Award.Recommend(Guid.NewGuid(), message.TenderId, message.LotId, message.Commissioner, TenderInfo.RegimeOf(tender),
            TenderInfo.TermsOf(lot), message.EvaluationId,
            [.. message.Bids.Select(b => new BidOutcome(b.BidId, b.Supplier, b.AnnualPrice.MinorUnits, b.AnnualPrice.Currency, b.Rank, b.ExclusionReason,
                b.QualityMarks, b.SocialValueMarks, b.PriceMarks, b.TotalMarks,
                [.. b.Criteria.Select(c => new CriterionOutcome(c.CriterionId, c.Kind, c.WeightPercent, c.ModeratedScore, c.Marks))]))]);
        db.Awards.Add(new AwardRow().CopyFrom(award, clock.GetUtcNow()));
        logger.LogInformation("Award {AwardId} recommended for lot {LotId} of tender {TenderId} ({Commissioner}): {Supplier}.",
            award.Id, message.LotId, message.TenderId, message.Commissioner, award.Preferred?.Supplier ?? "no bid ranked");
    }
}

internal static class TenderInfo
{
    public static InvalidOperationException NotKnownYet(Guid tenderId) =>
        new($"Tender {tenderId} is not known to the award service yet (its TenderPublished has not been applied); the event will be retried.");

    public static Regime RegimeOf(TenderInfoRow tender) => tender.Regime switch
    {
        "procurement_act_2023" => Regime.ProcurementAct2023,
        "pcr_2015" => Regime.Pcr2015,
        _ => throw new InvalidOperationException($"Tender {tender.TenderId} names no regime ('{tender.Regime}'); the standstill period depends on it."),
    };

    public static LotTerms TermsOf(LotSummary lot) => new(
        lot.ContractStart ?? throw new InvalidOperationException($"Lot {lot.LotId} has no contract start date."),
        lot.InitialTermMonths, lot.ExtensionAllowanceMonths, lot.ExtensionStepMonths);
}
