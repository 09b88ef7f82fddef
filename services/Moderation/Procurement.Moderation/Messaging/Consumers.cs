using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Events;
using Procurement.Messaging.Inbox;
using Procurement.Moderation.Domain;
using Procurement.Moderation.Persistence;

namespace Procurement.Moderation.Messaging;

/// <summary>
/// Keeps each lot's evaluation model (criteria, weights, scale, threshold) as the tender announces it,
/// so the evaluation opened at BidsOpened scores against the revision the suppliers bid on.
/// </summary>
public sealed class TenderPublishedConsumer(ModerationDb db) : InboxConsumer<TenderPublished, ModerationDb>(db)
{
    protected override Task HandleAsync(TenderPublished message, ModerationDb db, CancellationToken cancellationToken) =>
        LotModels.StoreAsync(db, message.TenderId, message.Revision, message.Lots, cancellationToken);
}

public sealed class TenderAmendedConsumer(ModerationDb db) : InboxConsumer<TenderAmended, ModerationDb>(db)
{
    protected override Task HandleAsync(TenderAmended message, ModerationDb db, CancellationToken cancellationToken) =>
        LotModels.StoreAsync(db, message.TenderId, message.Revision, message.Lots, cancellationToken);
}

/// <summary>
/// A lot's bids were opened: its evaluation begins, owned by the lot's commissioner. A redelivery, or a
/// second BidsOpened for the same lot, opens nothing more (one evaluation per lot).
/// </summary>
public sealed class BidsOpenedConsumer(ModerationDb db, ILogger<BidsOpenedConsumer> logger) : InboxConsumer<BidsOpened, ModerationDb>(db)
{
    protected override async Task HandleAsync(BidsOpened message, ModerationDb db, CancellationToken cancellationToken)
    {
        if (await db.Evaluations.AnyAsync(e => e.TenderId == message.TenderId && e.LotId == message.LotId, cancellationToken)) return;
        var model = await db.LotModels.AsNoTracking().FirstOrDefaultAsync(l => l.TenderId == message.TenderId && l.LotId == message.LotId, cancellationToken)
                    ?? throw new InvalidOperationException(
                        $"Lot {message.LotId} of tender {message.TenderId} is not known yet (its TenderPublished has not been applied); the event will be retried.");
        if (model.Cancelled) return;   // cancelled after closing, before this arrived: nothing to evaluate
        var evaluation = Evaluation.Open(Guid.NewGuid(), message.TenderId, EvaluationStorage.ReadModel(model.Model),
            [.. message.Bids.Select(b => new Domain.OpenedBid(b.BidId, b.Supplier, b.AnnualPrice.MinorUnits, b.AnnualPrice.Currency, b.Compliant, b.NonComplianceReasons))],
            message.OpenedAt);
        db.Evaluations.Add(new EvaluationRow().CopyFrom(evaluation));
        logger.LogInformation("Evaluation {EvaluationId} opened for lot {LotId} of tender {TenderId} ({Commissioner}): {Bids} bids.",
            evaluation.Id, message.LotId, message.TenderId, message.Commissioner, message.Bids.Count);
    }
}

/// <summary>A cancelled lot's evaluation stops (and one not opened yet never will be).</summary>
public sealed class LotCancelledConsumer(ModerationDb db, TimeProvider clock) : InboxConsumer<LotCancelled, ModerationDb>(db)
{
    protected override Task HandleAsync(LotCancelled message, ModerationDb db, CancellationToken cancellationToken) =>
        Cancellations.CancelAsync(db, message.TenderId, message.LotId, message.Reason, clock.GetUtcNow(), cancellationToken);
}

public sealed class TenderCancelledConsumer(ModerationDb db, TimeProvider clock) : InboxConsumer<TenderCancelled, ModerationDb>(db)
{
    protected override Task HandleAsync(TenderCancelled message, ModerationDb db, CancellationToken cancellationToken) =>
        Cancellations.CancelAsync(db, message.TenderId, lotId: null, message.Reason, clock.GetUtcNow(), cancellationToken);
}

internal static class Cancellations
{
    /// <summary>Marks the lot model (or every lot of the tender) cancelled and stops its evaluation, if open.</summary>
    public static async Task CancelAsync(ModerationDb db, Guid tenderId, string? lotId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var model in await db.LotModels.Where(l => l.TenderId == tenderId && (lotId == null || l.LotId == lotId)).ToListAsync(cancellationToken))
            model.Cancelled = true;
        var ids = await db.Evaluations.Where(e => e.TenderId == tenderId && (lotId == null || e.LotId == lotId)).Select(e => e.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var loaded = await db.LoadForChangeAsync(id, cancellationToken);
            if (loaded is null) continue;
            loaded.Evaluation.Cancel(reason, now);
            loaded.Save(db);
        }
    }
}

internal static class LotModels
{
    public static async Task StoreAsync(ModerationDb db, Guid tenderId, int revision, IReadOnlyList<LotSummary> lots, CancellationToken cancellationToken)
    {
        var stored = await db.LotModels.Where(l => l.TenderId == tenderId).ToDictionaryAsync(l => l.LotId, cancellationToken);
        foreach (var lot in lots)
        {
            if (stored.TryGetValue(lot.LotId, out var row) && row.Revision >= revision) continue;   // stale or redelivered
            if (row is null) db.LotModels.Add(row = new LotModelRow { TenderId = tenderId, LotId = lot.LotId });
            row.Commissioner = lot.Commissioner;
            row.Revision = revision;
            row.Model = ModerationJson.Write(ToModel(lot));
        }
    }

    public static LotModel ToModel(LotSummary lot) => new(
        lot.LotId, lot.Commissioner,
        [.. lot.Criteria.Select(c => new CriterionWeight(c.CriterionId, c.Kind switch
        {
            "quality" => CriterionKind.Quality,
            "price" => CriterionKind.Price,
            "social_value" => CriterionKind.SocialValue,
            _ => throw new InvalidOperationException($"Lot {lot.LotId} has a criterion {c.CriterionId} of unknown kind '{c.Kind}'."),
        }, c.WeightPercent))],
        new ScoringScale(lot.ScaleMinimum, lot.ScaleMaximum),
        lot.MinimumQualityPercent);
}
