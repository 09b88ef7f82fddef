using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Wakes the dispatcher when a transaction that saved outbox rows commits. Rows saved inside an
/// explicit transaction (a consumer's inbox transaction, a handler's own) become visible only then;
/// a signal at SaveChanges would find nothing, and the rows would wait for the next poll.
/// </summary>
internal sealed class OutboxCommitInterceptor<TDbContext>(OutboxSignal<TDbContext> signal) : DbTransactionInterceptor
    where TDbContext : DbContext
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _awaitingCommit = new();

    /// <summary>The context saved outbox rows in its current transaction: signal when it commits.</summary>
    public void SignalOnCommit(DbContext context) => _awaitingCommit.AddOrUpdate(context, Marker);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _awaitingCommit.Remove(context)) signal.Notify();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _awaitingCommit.Remove(context);
    }
}
