using Procurement.Messaging.Outbox;

namespace Procurement.Messaging.Tests.Unit;

public sealed class RetryBackoffTests
{
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(7, 30)]
    public void Delay_doubles_per_failure_up_to_the_maximum(int failedAttempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff.DelayAfter(failedAttempts));

    [Fact]
    public void Very_many_failures_stay_at_the_maximum() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.DelayAfter(int.MaxValue));

    [Fact]
    public void Attempts_start_at_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.DelayAfter(0));

    [Fact]
    public void Default_schedule_starts_at_a_second_and_caps_at_five_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), RetryBackoff.Default.DelayAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.Default.DelayAfter(20));
    }
}
