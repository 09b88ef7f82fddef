using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>Runs against a RabbitMQ node of its own, which it stops and starts again.</summary>
public sealed class BrokerOutageTests : MessagingTestBase
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(90);
    private PrivateRabbitMqNode _node = null!;

    protected override Uri Broker => _node.Uri;

    public override async Task InitializeAsync()
    {
        _node = await PrivateRabbitMqNode.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _node.DisposeAsync();
        }
    }

    // The outbox sends at least once: a publish whose confirm is lost or late may reach the broker again, and a
    // delivery whose ack is lost comes again. What must hold is that the event has its effect once, through the
    // consumer's inbox (the services' consumers are all InboxConsumers); the deliveries are counted to show why.

    [Fact]
    public async Task Event_enqueued_while_the_broker_is_down_has_its_effect_once_after_it_is_back()
    {
        var host = await StartHostAsync(typeof(BidSubmittedConsumer));
        var deliveries = new ConsumeCounter();
        using var observer = host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries);
        await _node.StopAppAsync();

        var bid = new BidSubmitted(Guid.NewGuid(), Guid.NewGuid());
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(bid);
            await db.SaveChangesAsync();
        });

        // While down: unpublished, with failed attempts and the error recorded and logged.
        await Eventually.True(async () => (await OutboxRowsAsync()).Single().AttemptCount >= 2,
            "two publish attempts failed");
        var failing = (await OutboxRowsAsync()).Single();
        Assert.Null(failing.PublishedAt);
        Assert.NotNull(failing.LastError);
        Assert.True(failing.NextAttemptAt > failing.OccurredAt);
        Assert.True(host.Logs.Count(LogLevel.Warning, "Publishing outbox message") >= 2);
        Assert.Equal(0, deliveries.Consumed);

        await _node.StartAppAsync();

        await Eventually.True(async () => (await OutboxRowsAsync()).Single().PublishedAt is not null,
            "the row is marked published", RecoveryBound);
        Assert.Null((await OutboxRowsAsync()).Single().LastError);
        await AssertAppliedOnceAsync(host, bid);
    }

    [Fact]
    public async Task Event_whose_publish_the_hung_broker_confirms_only_after_the_timeout_has_its_effect_once()
    {
        var host = await StartHostAsync(typeof(BidSubmittedConsumer));
        var bid = new BidSubmitted(Guid.NewGuid(), Guid.NewGuid());
        _node.Freeze();
        try
        {
            await host.InScopeAsync(async (db, outbox) =>
            {
                outbox.Add(bid);
                await db.SaveChangesAsync();
            });
            // The publish waits in the frozen broker's socket: no confirm within the publish timeout, so it counts as failed.
            await Eventually.True(async () => (await OutboxRowsAsync()).Single().LastError is not null, "the publish timed out");
        }
        finally
        {
            _node.Thaw();
        }

        await Eventually.True(async () => (await OutboxRowsAsync()).Single().PublishedAt is not null, "the row is marked published", RecoveryBound);
        Assert.True((await OutboxRowsAsync()).Single().AttemptCount >= 2);
        await AssertAppliedOnceAsync(host, bid);
    }

    /// <summary>
    /// Sends a later event and waits for its effect: by then any second copy of <paramref name="bid"/> (sent before the
    /// later one) has been consumed too. Then <paramref name="bid"/> must have exactly one effect and one inbox row.
    /// </summary>
    private async Task AssertAppliedOnceAsync(MessagingTestHost host, BidSubmitted bid)
    {
        var marker = new BidSubmitted(Guid.NewGuid(), Guid.NewGuid());
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(marker);
            await db.SaveChangesAsync();
        });
        await Eventually.True(async () =>
        {
            await using var db = Database.NewContext();
            return await db.BidReceipts.AnyAsync(r => r.BidId == marker.BidId);
        }, "the later event had its effect", RecoveryBound);

        await using var check = Database.NewContext();
        Assert.Equal(1, await check.BidReceipts.CountAsync(r => r.BidId == bid.BidId));
        Assert.Equal(2, await check.Set<InboxMessage>().CountAsync());
    }
}
