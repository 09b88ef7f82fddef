using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Procurement.Messaging.Events;

namespace Procurement.Messaging.Outbox;

internal sealed class Outbox<TDbContext>(
    TDbContext db, EventSerializer serializer, OutboxSignal<TDbContext> signal, OutboxCommitInterceptor<TDbContext> commits, TimeProvider time)
    : IOutbox<TDbContext> where TDbContext : DbContext
{
    private bool _signalsOnSave;

    public OutboxMessage Add<TEvent>(TEvent integrationEvent) where TEvent : class
    {
        var (typeName, payload) = serializer.Serialize(integrationEvent);
        var now = time.GetUtcNow();
        var message = new OutboxMessage
        {
            Id = OutboxIds.Next(now),
            MessageType = typeName,
            Payload = payload,
            OccurredAt = now,
            NextAttemptAt = now,
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        };
        db.Set<OutboxMessage>().Add(message);

        // Wake the dispatcher once the row is visible, instead of waiting for its next poll: at once
        // after SaveChanges, or, inside an explicit transaction, when that commits.
        if (!_signalsOnSave)
        {
            db.SavedChanges += (_, _) =>
            {
                if (db.Database.CurrentTransaction is null) signal.Notify();
                else commits.SignalOnCommit(db);
            };
            _signalsOnSave = true;
        }
        return message;
    }
}
