using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Procurement.Messaging.Outbox;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;
using Xunit.Abstractions;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>
/// A RabbitMQ node of its own, taken away long enough for MassTransit's own reconnect schedule to have grown (it waits
/// up to 30 s between attempts), then brought back: the service's connection, and the events that waited in its
/// outbox, come back within seconds (decision 0024).
/// </summary>
public sealed class BrokerReconnectTests(ITestOutputHelper output) : MessagingTestBase
{
    /// <summary>Failed attempts to reach the broker before it comes back: by MassTransit's own schedule, 3 + 6 + 12 + 24 s apart.</summary>
    private const int FailedAttempts = 4;
    private static readonly TimeSpan ReconnectBound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutageBound = TimeSpan.FromSeconds(120);
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
    public async Task After_the_broker_comes_back_the_connection_and_the_waiting_events_return_within_seconds()
    {
        // A backoff far longer than the test: an event published after the outage went through the catch-up, not its backoff.
        // (With BrokerReconnectMaxDelay = null, MassTransit's own schedule, the broker was found again 24.6 s after it was back.)
        var host = await StartHostAsync(o =>
        {
            o.OutboxBackoff = new RetryBackoff(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        }, typeof(TenderPublishedConsumer));
        var bus = host.Services.GetRequiredService<IBusControl>();

        await _node.StopAppAsync();
        var outage = Stopwatch.StartNew();
        await Eventually.True(() => bus.CheckHealth().Status != BusHealthStatus.Healthy, "the bus noticed the broker went away");
        var tenderId = Guid.NewGuid();
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(tenderId, "custody healthcare"));
            await db.SaveChangesAsync();
        });
        await Eventually.True(async () => (await OutboxRowsAsync()).Single().AttemptCount >= 1, "a publish attempt failed", OutageBound);
        await Eventually.True(() => ConnectFailures(host) >= FailedAttempts, $"{FailedAttempts} attempts to reach the broker failed", OutageBound);
        var down = outage.Elapsed;

        await _node.StartAppAsync();
        var back = Stopwatch.StartNew();
        await Eventually.True(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, "the bus is connected again", OutageBound);
        var reconnected = back.Elapsed;
        await Eventually.True(() => Deliveries.CountOf(tenderId) == 1, "the event that waited arrived", OutageBound);
        var delivered = back.Elapsed;

        output.WriteLine($"broker away {down.TotalSeconds:0.0} s ({ConnectFailures(host)} failed connects); connected again {reconnected.TotalSeconds:0.0} s and the waiting event delivered {delivered.TotalSeconds:0.0} s after the broker was back");
        foreach (var entry in host.Logs.Entries.Where(e => e.Message.StartsWith("Retrying ", StringComparison.Ordinal)))
            output.WriteLine(entry.Message);
        Assert.True(reconnected < ReconnectBound, $"connected again only {reconnected} after the broker was back");
        Assert.True(delivered < ReconnectBound, $"the waiting event arrived only {delivered} after the broker was back");
    }

    /// <summary>The receive transport's scheduled retries ("Retrying 00:00:24.1: Broker unreachable").</summary>
    private static int ConnectFailures(MessagingTestHost host) =>
        host.Logs.Entries.Count(e => e.Category.StartsWith("MassTransit", StringComparison.Ordinal) && e.Message.StartsWith("Retrying ", StringComparison.Ordinal));
}
