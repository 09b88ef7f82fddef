using Microsoft.EntityFrameworkCore;
using Procurement.Messaging.Outbox;
using Procurement.Tenders.Domain;
using Procurement.Tenders.Persistence;

namespace Procurement.Tenders.Closing;

/// <summary>What the scheduler's latest scan saw: when (on the service's clock), and the earliest deadline still to come.</summary>
public sealed record ClosingScan(DateTimeOffset At, DateTimeOffset? NextDeadline);

/// <summary>
/// Closes published tenders when their submission deadline passes, announcing TenderClosed through
/// the outbox. It keeps no state of its own: each scan closes whatever is overdue in the database (also
/// what fell due while the service was down) and finds the earliest deadline to come, then waits on the
/// injected clock until that deadline, a publication or amendment in this process (<see cref="ClosingSignal"/>),
/// or the rescan interval (another replica's publications), whichever is first. Replicas may all run
/// it: a close is one update checked against the row's xmin, so only one closer commits it and its event.
/// </summary>
internal sealed class TenderClosingScheduler(
    IServiceScopeFactory scopes,
    ClosingSignal signal,
    ClosingOptions options,
    TimeProvider clock,
    ILogger<TenderClosingScheduler> logger) : BackgroundService
{
    /// <summary>A TimeProvider timer takes at most uint.MaxValue - 1 ms (about 49.7 days).</summary>
    internal static readonly TimeSpan MaximumWait = TimeSpan.FromDays(49);

    /// <summary>
    /// A clock that moved further than this while a timer was being armed has jumped (a test's manual
    /// clock): the timer would be due late, so the scheduler scans again instead of waiting on it.
    /// </summary>
    private static readonly TimeSpan ClockJump = TimeSpan.FromSeconds(1);

    private ClosingScan? _lastScan;

    /// <summary>The latest completed scan, or null before the first (for health checks and tests).</summary>
    public ClosingScan? LastScan => Volatile.Read(ref _lastScan);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var signalled = signal.Next;
            DateTimeOffset wakeAt;
            try
            {
                var scan = await ScanAsync(stoppingToken);
                failures = 0;
                if (scan is null) continue;   // lost a race to another closer: look again at once
                var rescanAt = scan.At + options.RescanInterval;
                wakeAt = scan.NextDeadline is { } deadline && deadline < rescanAt ? deadline : rescanAt;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = options.RetryBackoff.DelayAfter(failures);
                logger.LogError(ex, "Closing tenders at their submission deadline failed ({Failures} time(s) in a row); trying again in {Delay}", failures, delay);
                wakeAt = clock.GetUtcNow() + delay;
            }

            try
            {
                await WaitAsync(wakeAt, signalled, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Closes every overdue tender; null if one of them changed under us (so scan again).</summary>
    private async Task<ClosingScan?> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> overdue;
        await using (var scope = scopes.CreateAsyncScope())
        {
            overdue = await scope.ServiceProvider.GetRequiredService<TenderDb>().Tenders.AsNoTracking()
                .Where(t => t.Status == TenderStatus.Published && t.SubmissionDeadline <= now)
                .OrderBy(t => t.SubmissionDeadline).Select(t => t.Id)
                .ToListAsync(cancellationToken);
        }

        var lostRace = false;
        foreach (var id in overdue) lostRace |= !await CloseAsync(id, now, cancellationToken);
        if (lostRace) return null;

        await using (var scope = scopes.CreateAsyncScope())
        {
            var next = await scope.ServiceProvider.GetRequiredService<TenderDb>().Tenders.AsNoTracking()
                .Where(t => t.Status == TenderStatus.Published && t.SubmissionDeadline > now)
                .MinAsync(t => t.SubmissionDeadline, cancellationToken);
            var scan = new ClosingScan(now, next);
            Volatile.Write(ref _lastScan, scan);
            return scan;
        }
    }

    /// <summary>Closes one tender in its own unit of work; false if another closer or an officer changed it first.</summary>
    private async Task<bool> CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenderDb>();
        var row = await db.Tenders.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null) return true;
        // Read again since the scan: it may have been closed, cancelled or amended meanwhile.
        var tender = row.ToDomain();
        if (!tender.IsDueToClose(now)) return true;

        TenderClosing.Close(row, tender, scope.ServiceProvider.GetRequiredService<IOutbox<TenderDb>>(), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogDebug("Tender {TenderId} changed while it was being closed (another replica, or an officer); looking again", id);
            return false;
        }
        logger.LogInformation("Closed tender {TenderId} ({Reference}) at its submission deadline {Deadline:u}; lots to open: {Lots}",
            id, row.Reference, tender.SubmissionDeadline, string.Join(", ", tender.Lots.Where(l => l.Value.Status == LotStatus.Active).Select(l => l.Key)));
        return true;
    }

    /// <summary>Until <paramref name="wakeAt"/> on the clock, or <paramref name="signalled"/> completes.</summary>
    private async Task WaitAsync(DateTimeOffset wakeAt, Task signalled, CancellationToken stoppingToken)
    {
        var before = clock.GetUtcNow();
        if (wakeAt <= before) return;
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wakeAt - before < MaximumWait ? wakeAt - before : MaximumWait, clock, stopDelay.Token);
        // The timer counts from the clock as it was when armed, not from `before`.
        if (clock.GetUtcNow() - before < ClockJump) await Task.WhenAny(signalled, delay);
        await stopDelay.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }
}
