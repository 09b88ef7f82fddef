using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace Procurement.Faults.Tests;

/// <summary>Every failed call's status, counted (thread-safe): what the clients saw during a case.</summary>
public sealed class StatusTally
{
    private readonly ConcurrentDictionary<StatusCode, int> _counts = new();

    /// <summary>What a client may retry (the change again, with the same idempotency key).</summary>
    public static bool Retryable(StatusCode code) => code is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.DeadlineExceeded;

    public void Add(StatusCode code) => _counts.AddOrUpdate(code, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<StatusCode, int> Counts => new SortedDictionary<StatusCode, int>(_counts);

    public int NotRetryable => _counts.Where(c => !Retryable(c.Key)).Sum(c => c.Value);

    public override string ToString() =>
        _counts.IsEmpty ? "none" : string.Join(", ", Counts.Select(c => $"{c.Key.ToString().ToUpperInvariant()} {c.Value}"));
}

/// <summary>
/// A careful client: a call that failed with a retryable status is made again (the caller repeats its idempotency key),
/// with a short growing pause, until it succeeds or <see cref="Bound"/> has passed. Any other status ends it.
/// </summary>
public static class Retry
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    public static async Task<T> CallAsync<T>(StatusTally tally, Func<Task<T>> call, Action<StatusCode>? failed = null, Func<StatusCode, bool>? retry = null)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException e)
            {
                tally.Add(e.StatusCode);
                failed?.Invoke(e.StatusCode);
                if (!(retry ?? StatusTally.Retryable)(e.StatusCode) || clock.Elapsed > Bound) throw;
            }
            // A client's back-off between attempts (not a wait for a condition).
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
        }
    }
}
