using Microsoft.EntityFrameworkCore;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Lets SaveChanges wake this process's dispatcher for <typeparamref name="TDbContext"/> at once.
/// A notification that arrives while the dispatcher is busy is kept, so none is lost.
/// </summary>
internal sealed class OutboxSignal<TDbContext> where TDbContext : DbContext
{
    private TaskCompletionSource _pending = NewPending();

    /// <summary>Set at start: a process's first pass publishes what an earlier run left, whatever its backoff.</summary>
    private int _catchUp = 1;

    public OutboxSignal() { }

    public OutboxSignal(OutboxWakeUps wakeUps) => wakeUps.Register(CatchUp);

    public void Notify() => Volatile.Read(ref _pending).TrySetResult();

    /// <summary>
    /// The next pass takes every unpublished row, due or not: the backoff of rows that failed while the broker was away
    /// (or while an earlier run of the service was stopping) has no reason left once it is back.
    /// </summary>
    public void CatchUp()
    {
        Interlocked.Exchange(ref _catchUp, 1);
        Notify();
    }

    /// <summary>Asks the pass after the next wait to catch up, without cutting that wait short (a pass that failed).</summary>
    internal void CatchUpLater() => Interlocked.Exchange(ref _catchUp, 1);

    /// <summary>Whether the next pass should catch up; clears the request.</summary>
    internal bool TakeCatchUp() => Interlocked.Exchange(ref _catchUp, 0) == 1;

    /// <summary>Whether a catch-up is asked for and not yet taken by a pass.</summary>
    internal bool CatchUpRequested => Volatile.Read(ref _catchUp) == 1;

    /// <summary>Whether a notification is waiting to be taken by the dispatcher's next wait.</summary>
    internal bool Pending => Volatile.Read(ref _pending).Task.IsCompleted;

    /// <summary>Completes on a notification (possibly one that came earlier) or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = Volatile.Read(ref _pending);
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, stopDelay.Token);
        await Task.WhenAny(pending.Task, delay).ConfigureAwait(false);
        await stopDelay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        // Reset before the dispatcher's next pass: a Notify after this point wakes the following wait.
        if (pending.Task.IsCompleted) Interlocked.CompareExchange(ref _pending, NewPending(), pending);
    }

    private static TaskCompletionSource NewPending() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
