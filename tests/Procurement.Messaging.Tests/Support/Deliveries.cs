using System.Collections.Concurrent;

namespace Procurement.Messaging.Tests.Support;

/// <summary>What test consumers received, by the event's business id (shared by the test and its hosts).</summary>
public sealed class Deliveries
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();
    private readonly ConcurrentQueue<Guid> _arrivals = new();

    public void Record(Guid id)
    {
        _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
        _arrivals.Enqueue(id);
    }

    /// <summary>Every delivery's id in the order the consumers recorded them.</summary>
    public IReadOnlyList<Guid> Arrivals => [.. _arrivals];

    public int CountOf(Guid id) => _counts.GetValueOrDefault(id);

    public int Distinct => _counts.Count;

    public IReadOnlyDictionary<Guid, int> Snapshot() => new Dictionary<Guid, int>(_counts);
}
