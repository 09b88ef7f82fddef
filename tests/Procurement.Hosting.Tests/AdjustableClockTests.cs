using Procurement.Hosting.DevelopmentClock;

namespace Procurement.Hosting.Tests;

/// <summary>
/// The development clock: the real clock plus an offset. Most tests give it a manual "real" clock, so that when its
/// re-armed timers fire is decided by the test (the manual clock fires what is due when told to move, even by zero).
/// </summary>
public sealed class AdjustableClockTests
{
    private readonly ManualTimeProvider _real = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void It_reads_the_real_clock_plus_what_it_was_moved_by()
    {
        var clock = new AdjustableClock(_real);
        Assert.Equal(_real.GetUtcNow(), clock.GetUtcNow());

        Assert.Equal(_real.GetUtcNow() + TimeSpan.FromDays(17), clock.AdvanceBy(TimeSpan.FromDays(17)));
        _real.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(_real.GetUtcNow() + TimeSpan.FromDays(17), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromDays(17), clock.Offset);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceBy(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void Advancing_to_a_moment_already_passed_changes_nothing()
    {
        var clock = new AdjustableClock(_real);
        var now = clock.AdvanceBy(TimeSpan.FromDays(1));
        Assert.Equal(now, clock.AdvanceTo(now - TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromDays(1), clock.Offset);
        Assert.Equal(now + TimeSpan.FromHours(2), clock.AdvanceTo(now + TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_wait_for_a_moment_the_clock_jumps_past_ends_at_once()
    {
        var clock = new AdjustableClock(_real);
        var deadline = Task.Delay(TimeSpan.FromDays(30), clock);
        var later = Task.Delay(TimeSpan.FromDays(45), clock);

        clock.AdvanceBy(TimeSpan.FromDays(29));
        _real.Advance(TimeSpan.Zero);
        Assert.False(deadline.IsCompleted, "a day before the deadline, the wait goes on");

        _real.Advance(TimeSpan.FromDays(1));
        Assert.True(deadline.IsCompleted, "a real day later the deadline is reached (29 days moved + 1 day lived)");
        Assert.False(later.IsCompleted);

        clock.AdvanceBy(TimeSpan.FromDays(20));
        _real.Advance(TimeSpan.Zero);
        Assert.True(later.IsCompleted);
    }

    [Fact]
    public void A_periodic_timer_keeps_its_period_after_a_jump_and_a_disposed_one_stays_quiet()
    {
        var clock = new AdjustableClock(_real);
        var ticks = 0;
        var quiet = 0;
        using var periodic = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var disposed = clock.CreateTimer(_ => Interlocked.Increment(ref quiet), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        clock.AdvanceBy(TimeSpan.FromHours(5));
        _real.Advance(TimeSpan.Zero);
        Assert.Equal(1, ticks);   // what was due fires once, not once per hour skipped

        _real.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, ticks);
        Assert.Equal(0, quiet);
    }

    [Fact]
    public async Task On_the_system_clock_a_jump_ends_a_long_wait_promptly()
    {
        var clock = new AdjustableClock();
        var wait = Task.Delay(TimeSpan.FromDays(3), clock);
        clock.AdvanceBy(TimeSpan.FromDays(3));
        await wait.WaitAsync(TestInfrastructure.Timeout);
        Assert.True(clock.GetUtcNow() - DateTimeOffset.UtcNow >= TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
    }
}
