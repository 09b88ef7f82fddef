using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Procurement.Messaging.Inbox;

/// <summary>
/// Base for a consumer whose effect is a change in its service's database. The message id is
/// recorded in the inbox in the same transaction as that change, so a redelivered message (same
/// MessageId) has no second effect. A handler that throws rolls everything back; MassTransit then
/// retries and finally moves the message to the <c>_error</c> queue.
/// </summary>
public abstract class InboxConsumer<TEvent, TDbContext>(TDbContext db) : IConsumer<TEvent>
    where TEvent : class
    where TDbContext : DbContext
{
    /// <summary>Key of this consumer in the inbox; stable across deployments, so not the assembly-qualified name.</summary>
    protected virtual string ConsumerName => GetType().FullName ?? GetType().Name;

    /// <summary>Applies the event to <paramref name="db"/>; don't call SaveChanges, the base does that.</summary>
    protected abstract Task HandleAsync(TEvent message, TDbContext db, CancellationToken cancellationToken);

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId
                        ?? throw new InvalidOperationException($"{typeof(TEvent).Name} has no MessageId, so a redelivery could not be recognised.");
        var cancellationToken = context.CancellationToken;

        // A retry of this message may reuse the context: start from a clean slate.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var inbox = db.Set<InboxMessage>();
        if (await inbox.AnyAsync(m => m.MessageId == messageId && m.ConsumerName == ConsumerName, cancellationToken))
            return; // processed before: acknowledge without a second effect

        // Two concurrent deliveries both pass the check above; the primary key makes one commit
        // fail, and its retry then finds the row.
        inbox.Add(new InboxMessage { MessageId = messageId, ConsumerName = ConsumerName });
        await HandleAsync(context.Message, db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
