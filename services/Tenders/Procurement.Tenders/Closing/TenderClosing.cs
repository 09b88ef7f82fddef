using Procurement.Contracts.Events;
using Procurement.Messaging.Outbox;
using Procurement.Tenders.Persistence;
using Tender = Procurement.Tenders.Domain.Tender;

namespace Procurement.Tenders.Closing;

/// <summary>
/// Closing one tender, shared by the scheduler and the CloseTender call: the domain rule, the row and
/// TenderClosed, which the caller's next SaveChanges commits together. The row's xmin makes that
/// SaveChanges fail for all but one of several closers racing on the same tender.
/// </summary>
internal static class TenderClosing
{
    public static void Close(TenderRow row, Tender tender, IOutbox<TenderDb> outbox, DateTimeOffset now)
    {
        var activeLots = tender.Close(now);
        row.CopyFrom(tender, now);
        outbox.Add(new TenderClosed(tender.Id, activeLots, now));
    }
}
