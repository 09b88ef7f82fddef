using System.Diagnostics.Metrics;

namespace Procurement.Messaging;

/// <summary>
/// The outbox's metrics (meter "Procurement.Messaging"): events published and failed publish attempts by
/// event type, and per outbox the rows not yet published and the age of the oldest, read from the
/// database when the metrics are collected. Spans: the source of the same name ("outbox publish").
/// </summary>
public sealed class MessagingDiagnostics : IDisposable
{
    public const string Name = "Procurement.Messaging";

    private readonly Meter _meter = new(Name, "1.0");
    private readonly Counter<long> _published;
    private readonly Counter<long> _failed;
    private readonly List<(string Outbox, Func<OutboxBacklog?> Read)> _outboxes = [];
    private readonly Lock _gate = new();

    public MessagingDiagnostics()
    {
        _published = _meter.CreateCounter<long>("procurement.outbox.published", "{event}", "Outbox events the broker confirmed.");
        _failed = _meter.CreateCounter<long>("procurement.outbox.publish_failures", "{attempt}", "Outbox publish attempts that failed (retried later).");
        _meter.CreateObservableGauge("procurement.outbox.pending", () => Observe(b => b.Pending), "{event}", "Outbox events not yet published.");
        _meter.CreateObservableGauge("procurement.outbox.oldest_pending_age", () => Observe(b => b.OldestAge.TotalSeconds), "s",
            "Age of the oldest outbox event not yet published (0 when none is pending).");
    }

    /// <summary>This host's meter (tests listen to it alone).</summary>
    internal Meter Meter => _meter;

    internal void Published(string outbox, string eventType) =>
        _published.Add(1, new("procurement.outbox", outbox), new("procurement.event_type", eventType));

    internal void Failed(string outbox, string eventType) =>
        _failed.Add(1, new("procurement.outbox", outbox), new("procurement.event_type", eventType));

    internal void TrackBacklog(string outbox, Func<OutboxBacklog?> read)
    {
        lock (_gate) _outboxes.Add((outbox, read));
    }

    private IEnumerable<Measurement<T>> Observe<T>(Func<OutboxBacklog, T> value) where T : struct
    {
        (string Outbox, Func<OutboxBacklog?> Read)[] outboxes;
        lock (_gate) outboxes = [.. _outboxes];
        foreach (var (outbox, read) in outboxes)
        {
            if (read() is { } backlog) yield return new Measurement<T>(value(backlog), new KeyValuePair<string, object?>("procurement.outbox", outbox));
        }
    }

    public void Dispose() => _meter.Dispose();
}

internal readonly record struct OutboxBacklog(long Pending, TimeSpan OldestAge);
