using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Procurement.Messaging.Outbox;

/// <summary>
/// Publishes <typeparamref name="TDbContext"/>'s outbox rows. Each pass locks a batch of due rows with
/// FOR UPDATE SKIP LOCKED (so replicas share the work without publishing a row twice at once),
/// publishes them in order with publisher confirms, and marks a row published only after the
/// broker acknowledged it. A failed row gets its error recorded and a backed-off next attempt.
/// </summary>
internal sealed class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    OutboxSignal<TDbContext> signal,
    MessagingOptions options,
    TimeProvider time,
    MessagingDiagnostics diagnostics,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService where TDbContext : DbContext
{
    private static readonly string OutboxName = typeof(TDbContext).Name;
    private (OutboxBacklog Value, long ReadAt)? _backlog;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        diagnostics.TrackBacklog(OutboxName, ReadBacklog);
        return base.StartAsync(cancellationToken);
    }
    private static readonly string SelectDueRows =
        $"SELECT * FROM {MessagingModelBuilderExtensions.OutboxTable} " +
        "WHERE published_at IS NULL AND next_attempt_at <= {0} " +
        "ORDER BY sequence LIMIT {1} FOR UPDATE SKIP LOCKED";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pass = PassResult.Idle;
            var catchUp = signal.TakeCatchUp();
            try
            {
                pass = await DispatchBatchAsync(catchUp, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself failed (or similar): nothing was marked, so the rows come back.
                logger.LogError(ex, "Outbox dispatch pass for {DbContext} failed; retrying after the poll interval", typeof(TDbContext).Name);
                if (catchUp) signal.CatchUpLater();   // still to do, after the poll interval
            }

            if (pass == PassResult.FullBatch)
            {
                if (catchUp) signal.CatchUpLater();   // the rows after this batch are overdue too
                continue; // more rows are likely waiting
            }
            try
            {
                await signal.WaitAsync(options.OutboxPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <param name="catchUp">Take every unpublished row, not only the due ones (at start, and when the broker is back).</param>
    private async Task<PassResult> DispatchBatchAsync(bool catchUp, CancellationToken stoppingToken)
    {
        // A pass runs every poll interval in every service: its queries are not traced. They run under an
        // activity marked not sampled (never reported: it has no source), which a parent-based sampler
        // follows; each publish continues its own row's trace instead (OutboxPublisher).
        using var untraced = new Activity("outbox poll").SetIdFormat(ActivityIdFormat.W3C).Start();
        untraced.ActivityTraceFlags = ActivityTraceFlags.None;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);

        var rows = await db.Set<OutboxMessage>()
            .FromSqlRaw(SelectDueRows, catchUp ? DateTimeOffset.UtcNow.AddYears(100) : time.GetUtcNow(), options.OutboxBatchSize)
            .ToListAsync(stoppingToken);
        if (rows.Count == 0) return PassResult.Idle;

        var result = rows.Count == options.OutboxBatchSize ? PassResult.FullBatch : PassResult.Partial;
        var published = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            if (stoppingToken.IsCancellationRequested) break;
            row.AttemptCount++;
            try
            {
                await publisher.PublishAsync(row, stoppingToken);
                row.PublishedAt = time.GetUtcNow();
                row.LastError = null;
                published.Add(row.MessageType);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: this attempt did not count; rows published so far are still saved below.
                row.AttemptCount--;
                break;
            }
            catch (Exception ex)
            {
                RecordFailure(row, ex);
                diagnostics.Failed(OutboxName, row.MessageType);
                // Later rows wait for the next pass: keeps order while healthy and does not hammer a
                // broker that is down. This row's backoff lets the rows behind it go first meanwhile.
                result = PassResult.Failed;
                break;
            }
        }

        // Not the stopping token: what the broker has confirmed must be recorded even during shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        // Counted once recorded: a publish whose row was not saved goes again and must not count twice,
        // and the pending gauge never lags the counter.
        foreach (var messageType in published) diagnostics.Published(OutboxName, messageType);
        return result;
    }

    private void RecordFailure(OutboxMessage row, Exception ex)
    {
        var delay = options.OutboxBackoff.DelayAfter(row.AttemptCount);
        row.NextAttemptAt = time.GetUtcNow() + delay;
        row.LastError = $"{ex.GetType().Name}: {ex.Message}";
        var level = row.AttemptCount >= options.OutboxErrorAfterAttempts ? LogLevel.Error : LogLevel.Warning;
        logger.Log(level, ex,
            "Publishing outbox message {MessageId} ({MessageType}) failed on attempt {Attempt}; next attempt in {Delay}",
            row.Id, row.MessageType, row.AttemptCount, delay);
    }

    /// <summary>
    /// The unpublished rows, for the pending gauges: read when metrics are collected (both gauges share one
    /// query a second), never on the dispatch path. Null when the database cannot be read.
    /// </summary>
    private OutboxBacklog? ReadBacklog()
    {
        if (_backlog is { } cached && Stopwatch.GetElapsedTime(cached.ReadAt) < TimeSpan.FromSeconds(1)) return cached.Value;
        try
        {
            using var scope = scopes.CreateScope();
            var pending = scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().Where(m => m.PublishedAt == null);
            var count = pending.LongCount();
            var oldest = count == 0 ? (DateTimeOffset?)null : pending.Min(m => (DateTimeOffset?)m.OccurredAt);
            var backlog = new OutboxBacklog(count, oldest is { } at ? time.GetUtcNow() - at : TimeSpan.Zero);
            _backlog = (backlog, Stopwatch.GetTimestamp());
            return backlog;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Could not read the outbox backlog of {DbContext} for metrics", OutboxName);
            return null;
        }
    }

    private enum PassResult { Idle, Partial, FullBatch, Failed }
}
