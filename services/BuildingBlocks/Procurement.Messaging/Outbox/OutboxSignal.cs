using Microsoft.EntityFrameworkCore;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Lets SaveChanges wake this process's dispatcher for <typeparamref name="TDbContext"/> at once.
/// A notification that arrives while the dispatcher is busy is kept, so none is lost.
/// </summary>
internal sealed class OutboxSignal<TDbContext> where TDbContext : DbContext
{
    private TaskCompletionSource _pending = NewPending();

    public void Notify() => Volatile.Read(ref _pending).TrySetResult();

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
