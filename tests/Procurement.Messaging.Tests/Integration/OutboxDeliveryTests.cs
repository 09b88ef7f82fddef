using System.Diagnostics;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

public sealed class OutboxDeliveryTests : MessagingTestBase
{
    [Fact]
    public async Task Event_saved_with_the_business_change_is_consumed_and_marked_published()
    {
        var host = await StartHostAsync(typeof(TenderPublishedConsumer));
        var tenderId = Guid.NewGuid();
        using var request = new Activity("publish tender").SetIdFormat(ActivityIdFormat.W3C).Start();

        await host.InScopeAsync(async (db, outbox) =>
        {
            db.Tenders.Add(new Tender { Id = tenderId, Title = "Kent and Essex fleet telematics" });
            outbox.Add(new TenderPublished(tenderId, "Kent and Essex fleet telematics"));
            await db.SaveChangesAsync();
        });

        await Eventually.True(() => Deliveries.CountOf(tenderId) == 1, "the consumer received TenderPublished");
        await Eventually.True(async () => (await OutboxRowsAsync()).Single().PublishedAt is not null, "the row is marked published");

        var row = (await OutboxRowsAsync()).Single();
        Assert.Equal(typeof(TenderPublished).FullName, row.MessageType);
        Assert.Equal(1, row.AttemptCount);
        Assert.Null(row.LastError);
        Assert.True(row.PublishedAt >= row.OccurredAt);
        Assert.Equal(request.Id, row.TraceParent);
    }

    [Fact]
    public async Task Event_no_queue_takes_is_not_marked_published_but_waits_with_the_broker_s_refusal_recorded()
    {
        // Only TenderPublished has a consumer (and so a bound queue): RabbitMQ would confirm a BidSubmitted it routes
        // nowhere and drop it. Published as mandatory, it is returned instead, and the row waits to be tried again.
        var host = await StartHostAsync(typeof(TenderPublishedConsumer));
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new BidSubmitted(Guid.NewGuid(), Guid.NewGuid()));
            await db.SaveChangesAsync();
        });

        await Eventually.True(async () => (await OutboxRowsAsync()).Single().LastError is not null, "the publish was refused");
        var row = (await OutboxRowsAsync()).Single();
        Assert.Null(row.PublishedAt);
        Assert.True(row.AttemptCount >= 1);
        Assert.True(row.NextAttemptAt > row.OccurredAt);
    }

    [Fact]
    public async Task Event_of_a_rolled_back_transaction_is_never_published()
    {
        var host = await StartHostAsync(typeof(TenderPublishedConsumer));
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tenders.Add(new Tender { Id = rolledBack, Title = "abandoned" });
            outbox.Add(new TenderPublished(rolledBack, "abandoned"));
            await db.SaveChangesAsync(); // signals the dispatcher before the rollback: it must find nothing
            await transaction.RollbackAsync();
        });
        // A later, committed event: once it has arrived, the dispatcher has had every chance to publish the first.
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(committed, "committed"));
            await db.SaveChangesAsync();
        });

        await Eventually.True(() => Deliveries.CountOf(committed) == 1, "the committed event arrived");
        Assert.Equal(0, Deliveries.CountOf(rolledBack));
        var row = Assert.Single(await OutboxRowsAsync());
        Assert.Contains(committed.ToString(), row.Payload);
    }

    [Fact]
    public async Task Event_saved_inside_an_explicit_transaction_is_delivered_without_waiting_for_a_poll()
    {
        // The dispatcher polls only every hour here, so the delivery comes from a signal. Which signal (the
        // commit's, not SaveChanges') is pinned by OutboxSignalTimingTests.
        var host = await StartHostAsync(options => options.OutboxPollInterval = TimeSpan.FromHours(1), typeof(TenderPublishedConsumer));
        var tenderId = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tenders.Add(new Tender { Id = tenderId, Title = "Kent and Essex victim services" });
            outbox.Add(new TenderPublished(tenderId, "Kent and Essex victim services"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        await Eventually.True(() => Deliveries.CountOf(tenderId) == 1, "the consumer received TenderPublished well before the next poll");
    }
}
