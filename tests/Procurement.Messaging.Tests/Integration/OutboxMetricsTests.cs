using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>The outbox's meter: what was published, and what is still waiting, read from the database.</summary>
public sealed class OutboxMetricsTests : MessagingTestBase
{
    [Fact]
    public async Task Published_events_are_counted_and_waiting_rows_are_gauged()
    {
        // BidSubmitted's consumer too: the warm-up event needs a queue to take it (publishes are mandatory).
        var host = await StartHostAsync(typeof(TenderPublishedConsumer), typeof(BidSubmittedConsumer));
        await CatchUpAfterConnectingIsDoneAsync(host);
        var diagnostics = host.Services.GetRequiredService<MessagingDiagnostics>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? EventType)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter == diagnostics.Meter) meters.EnableMeasurementEvents(instrument);
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? eventType = null;
            foreach (var tag in tags) if (tag.Key == "procurement.event_type") eventType = (string?)tag.Value;
            measurements.Enqueue((instrument.Name, value, eventType));
        }
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        // One event waits (its next attempt is tomorrow); another goes out at once.
        var published = Guid.NewGuid();
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(Guid.NewGuid(), "waiting")).NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1);
            await db.SaveChangesAsync();
        });
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(published, "published"));
            await db.SaveChangesAsync();
        });
        await Eventually.True(() => Deliveries.CountOf(published) == 1, "the second event was consumed");

        var tenderPublished = typeof(TenderPublished).FullName;
        await Eventually.True(() => measurements.Any(m => m.Instrument == "procurement.outbox.published" && m.EventType == tenderPublished), "the publish was counted");
        Assert.Equal(1, measurements.Where(m => m.Instrument == "procurement.outbox.published" && m.EventType == tenderPublished).Sum(m => m.Value));
        Assert.DoesNotContain(measurements, m => m.Instrument == "procurement.outbox.publish_failures");

        listener.RecordObservableInstruments();
        Assert.Contains(("procurement.outbox.pending", 1.0, (string?)null), measurements);
        Assert.Contains(measurements, m => m.Instrument == "procurement.outbox.oldest_pending_age" && m.Value >= 0);
    }

    /// <summary>
    /// The receive endpoint's connection asks for a catch-up pass, which would publish the waiting row whatever its
    /// next attempt: wait until that request was taken, and until an event sent after it was published (so that the
    /// catch-up pass has ended; passes run one after another).
    /// </summary>
    private async Task CatchUpAfterConnectingIsDoneAsync(MessagingTestHost host)
    {
        var signal = host.Services.GetRequiredService<Procurement.Messaging.Outbox.OutboxSignal<TestDb>>();
        await Eventually.True(() => host.Logs.Count(Microsoft.Extensions.Logging.LogLevel.Information, "connected to the broker") >= 1 && !signal.CatchUpRequested,
            "the receive endpoint connected and its catch-up was taken");
        // Another event type, so that its own count (which may come just after the listener starts) is told apart.
        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new BidSubmitted(Guid.NewGuid(), Guid.NewGuid()));
            await db.SaveChangesAsync();
        });
        await Eventually.True(async () => (await OutboxRowsAsync()).All(row => row.PublishedAt is not null), "the warm-up event was published");
    }
}
