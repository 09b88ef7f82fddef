namespace Procurement.Messaging.Outbox;

/// <summary>
/// Delay before the next publish attempt of a failed outbox row: doubles from <see cref="Initial"/>
/// per failed attempt, capped at <see cref="Maximum"/> so a long outage is still retried regularly.
/// </summary>
public sealed record RetryBackoff(TimeSpan Initial, TimeSpan Maximum)
{
    public static RetryBackoff Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <param name="failedAttempts">How many attempts have failed so far (1 after the first failure).</param>
    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (Initial <= TimeSpan.Zero) return TimeSpan.Zero;
        // 2^(n-1) overflows long before the cap matters: stop doubling once past it.
        var exponent = Math.Min(failedAttempts - 1, 62);
        var ticks = Initial.Ticks * Math.Pow(2, exponent);
        return ticks >= Maximum.Ticks ? Maximum : TimeSpan.FromTicks((long)ticks);
    }
}
