using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Events;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Outbox;

namespace Procurement.Bids.Messaging;

/// <summary>
/// At TenderClosed the bids are opened, lot by lot, in one transaction: the tender's view is locked
/// exclusively (so every submission that passed its deadline check has committed, and every later one
/// finds the tender closed), each bid is opened, each lot's offers are stored for its evaluation, and
/// one BidsOpened per lot goes to the outbox. Opening twice is impossible: the view records it.
/// </summary>
public sealed class TenderClosedConsumer(BidDb db, IOutbox<BidDb> outbox, TimeProvider clock, ILogger<TenderClosedConsumer> logger)
    : InboxConsumer<TenderClosed, BidDb>(db)
{
    protected override async Task HandleAsync(TenderClosed message, BidDb db, CancellationToken cancellationToken)
    {
        var row = await db.LockTenderAsync(message.TenderId, exclusive: true, cancellationToken) ?? throw TenderViews.NotKnownYet(message.TenderId);
        if (row.OpenedAt is not null || row.Phase == TenderPhase.Cancelled) return;

        var now = clock.GetUtcNow();
        var view = TenderProjection.Apply(row.ToDomain(), message);
        row.CopyFrom(view, now);
        row.OpenedAt = now;

        var bids = await db.LoadBidsOfTenderAsync(message.TenderId, cancellationToken);
        var lots = Opening.OpenLots(view, bids.Select(b => b.Bid));
        foreach (var (bidRow, bid) in bids) bidRow.CopyFrom(bid, bid.Versions.Count, now);
        foreach (var lot in lots)
        {
            db.OpenedLots.Add(new OpenedLotRow { TenderId = view.TenderId, LotId = lot.LotId, Commissioner = lot.Commissioner, OpenedAt = now });
            db.OpenedOffers.AddRange(lot.Offers.Select(o => new OpenedOfferRow
            {
                TenderId = view.TenderId,
                LotId = lot.LotId,
                BidId = o.BidId,
                BidVersion = o.BidVersion,
                Supplier = o.Supplier,
                Offer = BidJson.Write(o.Offer),
                DigestSha256 = o.DigestSha256,
                Compliant = o.Compliance.Compliant,
                NonComplianceReasons = [.. o.Compliance.Reasons],
            }));
            outbox.Add(OpeningEvents.ToEvent(view.TenderId, lot, now));
        }
        logger.LogInformation("Tender {TenderId} closed: opened {Bids} bids into {Lots} lots ({Offers} offers).",
            view.TenderId, bids.Count, lots.Count, lots.Sum(l => l.Offers.Count));
    }
}
