using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Events;
using Procurement.Messaging.Inbox;

namespace Procurement.Bids.Messaging;

/// <summary>
/// The bid service's reactions to tender events. Each runs in the inbox's transaction and first locks
/// the tender's view row, so events of one tender apply one at a time and never interleave with a
/// submission's deadline check. An event that needs a view not built yet (it overtook the
/// publication) throws, and is retried until the publication has arrived.
/// </summary>
public sealed class TenderPublishedConsumer(BidDb db, TimeProvider clock) : InboxConsumer<TenderPublished, BidDb>(db)
{
    protected override async Task HandleAsync(TenderPublished message, BidDb db, CancellationToken cancellationToken)
    {
        var row = await db.LockTenderAsync(message.TenderId, exclusive: true, cancellationToken);
        var view = TenderProjection.Apply(row?.ToDomain(), message);
        if (row is null) db.Tenders.Add(row = new TenderViewRow());
        row.CopyFrom(view, clock.GetUtcNow());
    }
}

/// <summary>Bids made against an earlier revision now need their supplier's reconfirmation.</summary>
public sealed class TenderAmendedConsumer(BidDb db, TimeProvider clock) : InboxConsumer<TenderAmended, BidDb>(db)
{
    protected override async Task HandleAsync(TenderAmended message, BidDb db, CancellationToken cancellationToken)
    {
        var row = await db.LockTenderAsync(message.TenderId, exclusive: true, cancellationToken);
        var before = row?.ToDomain();
        var view = TenderProjection.Apply(before, message);
        if (ReferenceEquals(view, before)) return;   // stale or after closing: nothing changes
        var now = clock.GetUtcNow();
        if (row is null) db.Tenders.Add(row = new TenderViewRow());
        row.CopyFrom(view, now);
        row.AmendmentSummary = message.Summary;
        foreach (var (bidRow, bid) in await db.LoadBidsOfTenderAsync(message.TenderId, cancellationToken))
        {
            bid.TenderAmended(view.Revision);
            bidRow.CopyFrom(bid, bid.Versions.Count, now);
        }
    }
}

/// <summary>One lot is cancelled: its offers are void; the bids' other lots go on.</summary>
public sealed class LotCancelledConsumer(BidDb db, TimeProvider clock) : InboxConsumer<LotCancelled, BidDb>(db)
{
    protected override async Task HandleAsync(LotCancelled message, BidDb db, CancellationToken cancellationToken)
    {
        var row = await db.LockTenderAsync(message.TenderId, exclusive: true, cancellationToken) ?? throw TenderViews.NotKnownYet(message.TenderId);
        var now = clock.GetUtcNow();
        row.CopyFrom(TenderProjection.Apply(row.ToDomain(), message), now);
        foreach (var (bidRow, bid) in await db.LoadBidsOfTenderAsync(message.TenderId, cancellationToken))
        {
            if (bid.Current.Offers.All(o => o.LotId != message.LotId)) continue;
            bid.LotCancelled(message.LotId);
            bidRow.CopyFrom(bid, bid.Versions.Count, now);
        }
    }
}

/// <summary>The whole tender is cancelled: every bid is void, and nothing will be opened.</summary>
public sealed class TenderCancelledConsumer(BidDb db, TimeProvider clock) : InboxConsumer<TenderCancelled, BidDb>(db)
{
    protected override async Task HandleAsync(TenderCancelled message, BidDb db, CancellationToken cancellationToken)
    {
        var row = await db.LockTenderAsync(message.TenderId, exclusive: true, cancellationToken) ?? throw TenderViews.NotKnownYet(message.TenderId);
        var now = clock.GetUtcNow();
        var view = TenderProjection.Apply(row.ToDomain(), message);
        row.CopyFrom(view, now);
        foreach (var (bidRow, bid) in await db.LoadBidsOfTenderAsync(message.TenderId, cancellationToken))
        {
            foreach (var lot in view.Lots) bid.LotCancelled(lot.LotId);
            bidRow.CopyFrom(bid, bid.Versions.Count, now);
        }
    }
}

internal static class TenderViews
{
    public static InvalidOperationException NotKnownYet(Guid tenderId) =>
        new($"Tender {tenderId} is not known to the bid service yet (its TenderPublished has not been applied); the event will be retried.");
}
