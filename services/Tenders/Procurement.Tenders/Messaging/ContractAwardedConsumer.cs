using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Events;
using Procurement.Messaging.Inbox;
using Procurement.Tenders.Domain;
using Procurement.Tenders.Persistence;

namespace Procurement.Tenders.Messaging;

/// <summary>
/// A commissioner entered the contract for its lot: the lot is awarded, and the tender complete once
/// every lot is awarded or cancelled. A lot already awarded is left as it is (a second announcement of
/// the same award has no second effect).
/// </summary>
public sealed class ContractAwardedConsumer(TenderDb db, TimeProvider clock) : InboxConsumer<ContractAwarded, TenderDb>(db)
{
    protected override async Task HandleAsync(ContractAwarded message, TenderDb db, CancellationToken cancellationToken)
    {
        var row = await db.Tenders.FirstOrDefaultAsync(t => t.Id == message.TenderId, cancellationToken)
                  ?? throw new InvalidOperationException($"ContractAwarded names tender {message.TenderId}, which this service does not hold.");
        var tender = row.ToDomain();
        if (tender.Lots.GetValueOrDefault(message.LotId)?.Status == LotStatus.Awarded) return;
        tender.MarkLotAwarded(message.LotId);
        row.CopyFrom(tender, clock.GetUtcNow());
    }
}
