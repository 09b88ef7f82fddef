using Microsoft.EntityFrameworkCore;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Enqueues integration events in <typeparamref name="TDbContext"/>: the row is added to the context
/// and committed by the caller's next SaveChanges (or transaction), together with the business change.
/// </summary>
public interface IOutbox<TDbContext> where TDbContext : DbContext
{
    OutboxMessage Add<TEvent>(TEvent integrationEvent) where TEvent : class;
}
