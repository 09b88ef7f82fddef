using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task Event_enqueued_while_the_broker_is_down_arrives_once_after_it_is_back()
    {
        var host = await StartHostAsync(typeof(TenderPublishedConsumer));
        await _node.StopAppAsync();

        var tenderId = Guid.NewGuid();
        await host.InScopeAsync(async (db, outbox) =>
        {
            db.Tenders.Add(new Tender { Id = tenderId, Title = "custody healthcare" });
            outbox.Add(new TenderPublished(tenderId, "custody healthcare"));
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
        Assert.Equal(0, Deliveries.CountOf(tenderId));

        await _node.StartAppAsync();

        await Eventually.True(() => Deliveries.CountOf(tenderId) >= 1, "the event arrived after recovery", RecoveryBound);
        await Eventually.True(async () => (await OutboxRowsAsync()).Single().PublishedAt is not null,
            "the row is marked published", RecoveryBound);
        // A later event: once it is through, a duplicate of the first would have been delivered too.
        var marker = Guid.NewGuid();
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(marker, "marker"));
            await db.SaveChangesAsync();
        });
        await Eventually.True(() => Deliveries.CountOf(marker) == 1, "the marker arrived", RecoveryBound);

        Assert.Equal(1, Deliveries.CountOf(tenderId));
        var published = (await OutboxRowsAsync()).First();
        Assert.Null(published.LastError);
    }
}
