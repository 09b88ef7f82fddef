using Procurement.Messaging.Outbox;

namespace Procurement.Tenders.Closing;

/// <param name="RescanInterval">
/// Tenders:ClosingRescanInterval (default 1 minute): the longest the scheduler waits without looking
/// at the database, so tenders published or amended by another replica are closed on time too.
/// </param>
/// <param name="RetryBackoff">After a failed scan (database down): how long to wait before the next.</param>
internal sealed record ClosingOptions(TimeSpan RescanInterval, RetryBackoff RetryBackoff)
{
    public const string RescanIntervalKey = "Tenders:ClosingRescanInterval";
    public static readonly TimeSpan DefaultRescanInterval = TimeSpan.FromMinutes(1);

    public static ClosingOptions From(IConfiguration configuration)
    {
        var rescan = configuration.GetValue(RescanIntervalKey, DefaultRescanInterval);
        if (rescan <= TimeSpan.Zero)
            throw new InvalidOperationException($"{RescanIntervalKey} must be more than zero (e.g. 00:01:00), not {rescan}.");
        return new ClosingOptions(rescan, new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));
    }
}
