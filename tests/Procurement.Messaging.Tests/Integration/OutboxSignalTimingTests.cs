using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>
/// When the dispatcher is woken, on a real database: as soon as an enqueued row is visible to it — at
/// SaveChanges without a transaction, at the commit inside one — and never for a rolled-back row. The
/// services are built but not started, so no dispatcher takes the signal before the test looks.
/// </summary>
public sealed class OutboxSignalTimingTests : MessagingTestBase
{
    [Fact]
    public async Task Inside_a_transaction_the_signal_waits_for_the_commit()
    {
        await using var services = OutboxServices();
        var signal = services.GetRequiredService<OutboxSignal<TestDb>>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();

        await using var transaction = await db.Database.BeginTransactionAsync();
        scope.ServiceProvider.GetRequiredService<IOutbox<TestDb>>().Add(new TenderPublished(Guid.NewGuid(), "in a transaction"));
        await db.SaveChangesAsync();
        Assert.False(signal.Pending);   // the row is not visible to the dispatcher yet

        await transaction.CommitAsync();
        Assert.True(signal.Pending);
    }

    [Fact]
    public async Task A_rolled_back_transaction_signals_nothing_and_a_plain_save_signals_at_once()
    {
        await using var services = OutboxServices();
        var signal = services.GetRequiredService<OutboxSignal<TestDb>>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDb>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox<TestDb>>();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            outbox.Add(new TenderPublished(Guid.NewGuid(), "abandoned"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.False(signal.Pending);

        db.ChangeTracker.Clear();
        outbox.Add(new TenderPublished(Guid.NewGuid(), "saved"));
        await db.SaveChangesAsync();
        Assert.True(signal.Pending);
    }
}
