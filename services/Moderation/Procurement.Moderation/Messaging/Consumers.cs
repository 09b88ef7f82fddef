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
        var evaluation = Evaluation.Open(Guid.NewGuid(), message.TenderId, EvaluationStorage.ReadModel(model.Model),
            [.. message.Bids.Select(b => new Domain.OpenedBid(b.BidId, b.Supplier, b.AnnualPrice.MinorUnits, b.AnnualPrice.Currency, b.Compliant, b.NonComplianceReasons))],
            message.OpenedAt);
        db.Evaluations.Add(new EvaluationRow().CopyFrom(evaluation));
        logger.LogInformation("Evaluation {EvaluationId} opened for lot {LotId} of tender {TenderId} ({Commissioner}): {Bids} bids.",
            evaluation.Id, message.LotId, message.TenderId, message.Commissioner, message.Bids.Count);
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
