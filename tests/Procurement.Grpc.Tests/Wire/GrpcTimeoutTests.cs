namespace Procurement.Grpc.Tests.Wire;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("3H", 3 * TimeSpan.TicksPerHour)]
    [InlineData("7M", 7 * TimeSpan.TicksPerMinute)]
    [InlineData("15S", 15 * TimeSpan.TicksPerSecond)]
    [InlineData("250m", 250 * TimeSpan.TicksPerMillisecond)]
    [InlineData("40u", 40 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1500n", 15)]
    [InlineData("0S", 0)]
    [InlineData("00000001S", TimeSpan.TicksPerSecond)]
    public void Every_unit_parses_to_its_duration(string header, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), timeout);
    }

    [Fact]
    public void Eight_digits_is_the_largest_value_accepted()
    {
        Assert.True(GrpcTimeout.TryParse("99999999m", out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(99_999_999), timeout);
        Assert.True(GrpcTimeout.TryParse("99999999H", out var hours));
        Assert.Equal(TimeSpan.FromHours(99_999_999), hours);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("5")]
    [InlineData("123456789S")]
    [InlineData("5s")]
    [InlineData("5h")]
    [InlineData("5x")]
    [InlineData("-5S")]
    [InlineData("+5S")]
    [InlineData(" 5S")]
    [InlineData("5 S")]
    [InlineData("5S ")]
    [InlineData("1.5S")]
    [InlineData("٣S")] // a non-ASCII digit
    public void Malformed_headers_are_refused(string? header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(9L)]
    [InlineData(999_999L)]
    [InlineData(1_000_001L)]
    [InlineData(123_456_789L)]
    [InlineData(TimeSpan.TicksPerSecond * 3 + 1)]
    [InlineData(TimeSpan.TicksPerHour * 30 + 7)]
    [InlineData(TimeSpan.TicksPerDay * 365 * 100 + 3)]
    public void Format_never_shortens_a_deadline(long ticks)
    {
        var original = TimeSpan.FromTicks(ticks);
        var header = GrpcTimeout.Format(original);

        Assert.True(GrpcTimeout.TryParse(header, out var parsed), $"'{header}' does not parse");
        Assert.True(parsed >= original, $"{original} became '{header}' = {parsed}");
    }

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")]
    [InlineData(TimeSpan.TicksPerSecond * 10_000, "10000000m")]
    [InlineData(TimeSpan.TicksPerSecond * 100_000, "100000S")]
    [InlineData(TimeSpan.TicksPerHour * 100_000, "6000000M")]
    public void Format_picks_the_finest_unit_that_fits_in_eight_digits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(-TimeSpan.TicksPerHour)]
    public void Zero_and_negative_timeouts_format_as_zero(long ticks)
    {
        Assert.Equal("0n", GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Theory]
    [InlineData(TimeSpan.TicksPerDay * 365 * 300)] // a deadline a few centuries out
    [InlineData(long.MaxValue)]                     // TimeSpan.MaxValue, e.g. a DateTime.MaxValue deadline
    public void Timeouts_too_long_for_the_header_are_capped_at_the_largest_valid_value(long ticks)
    {
        var header = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.Matches("^[0-9]{1,8}[HMSmun]$", header);
        Assert.True(GrpcTimeout.TryParse(header, out var parsed));
        Assert.True(parsed >= TimeSpan.FromHours(99_999_999) || parsed >= TimeSpan.FromTicks(ticks), $"'{header}'");
    }

    [Fact]
    public void Every_formatted_value_has_at_most_eight_digits()
    {
        for (var ticks = 1L; ticks < TimeSpan.TicksPerDay * 365 * 200; ticks = ticks * 7 + 3)
            Assert.Matches("^[0-9]{1,8}[HMSmun]$", GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void A_deadline_past_the_end_of_the_calendar_saturates_at_DateTime_MaxValue()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddHours(10), GrpcTimeout.DeadlineFrom(now, TimeSpan.FromHours(10)));
        Assert.Equal(DateTime.MaxValue, GrpcTimeout.DeadlineFrom(now, TimeSpan.FromHours(99_999_999)));
        Assert.Equal(DateTime.MaxValue, GrpcTimeout.DeadlineFrom(now, TimeSpan.MaxValue));
    }

    [Fact]
    public void The_longest_timer_delay_is_what_a_timer_accepts()
    {
        using var timer = TimeProvider.System.CreateTimer(_ => { }, null, GrpcTimeout.MaxTimerDelay, Timeout.InfiniteTimeSpan);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TimeProvider.System.CreateTimer(_ => { }, null, GrpcTimeout.MaxTimerDelay + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan));
    }
}
