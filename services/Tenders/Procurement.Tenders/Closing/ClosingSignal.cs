namespace Procurement.Tenders.Closing;

/// <summary>
/// Wakes this process's <see cref="TenderClosingScheduler"/> when a publication or an amendment may
/// have brought the earliest submission deadline forward, instead of waiting for its next rescan.
/// </summary>
public sealed class ClosingSignal
{
    private TaskCompletionSource _next = NewPending();

    /// <summary>
    /// Completes at the next <see cref="Notify"/>. Take it before reading the database, so a
    /// notification that arrives while the scheduler scans is not missed.
    /// </summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewPending()).TrySetResult();

    private static TaskCompletionSource NewPending() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
