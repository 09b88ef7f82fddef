using Procurement.Testing;

namespace Procurement.Grpc.Tests.TestSupport;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Time_moves_only_when_advanced()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(new DateTimeOffset(2023, 4, 9, 0, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void Timer_fires_when_its_due_time_is_reached_and_not_before()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Periodic_timer_fires_once_per_period_passed()
    {
        var clock = new ManualTimeProvider();
        var times = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => times.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var start = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(5)], times);
    }

    [Fact]
    public void Timers_fire_in_due_order_with_the_clock_at_their_due_time()
    {
        var clock = new ManualTimeProvider();
        var order = new List<string>();
        using var late = clock.CreateTimer(_ => order.Add("late"), null, TimeSpan.FromMinutes(2), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => order.Add("early"), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["early", "late"], order);
    }

    [Fact]
    public void Disposed_or_stopped_timer_does_not_fire()
    {
        var clock = new ManualTimeProvider();
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, fired);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void Cancellation_token_source_with_the_clock_cancels_when_advanced()
    {
        var clock = new ManualTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(cts.IsCancellationRequested);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cts.IsCancellationRequested);
    }
}
