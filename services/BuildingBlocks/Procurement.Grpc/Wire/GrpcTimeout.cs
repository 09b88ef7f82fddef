using System.Globalization;

namespace Procurement.Grpc;

/// <summary>The grpc-timeout header: 1 to 8 ASCII digits followed by a unit H, M, S, m, u or n.</summary>
internal static class GrpcTimeout
{
    private const long MaxValue = 99_999_999;

    /// <summary>
    /// The longest delay a timer accepts (about 49.7 days). A deadline further away than that gets no
    /// timer: no call of this suite lives that long, and the header still carries the deadline on.
    /// </summary>
    public static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>now + timeout, or DateTime.MaxValue where that would pass the end of the calendar.</summary>
    public static DateTime DeadlineFrom(DateTime now, TimeSpan timeout) =>
        timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;

    public static bool TryParse(string? text, out TimeSpan timeout)
    {
        timeout = default;
        if (text is null || text.Length < 2 || text.Length > 9) return false;
        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        var value = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long ticks;
        switch (text[^1])
        {
            case 'H': ticks = value * TimeSpan.TicksPerHour; break;
            case 'M': ticks = value * TimeSpan.TicksPerMinute; break;
            case 'S': ticks = value * TimeSpan.TicksPerSecond; break;
            case 'm': ticks = value * TimeSpan.TicksPerMillisecond; break;
            case 'u': ticks = value * TimeSpan.TicksPerMicrosecond; break;
            case 'n': ticks = value / 100; break;
            default: return false;
        }
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>The finest unit in which the value fits in eight digits, rounded up so a deadline is never shortened.</summary>
    public static string Format(TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        // 1 tick = 100 ns; checked by division so a huge timeout cannot overflow.
        if (ticks <= MaxValue / 100) return (ticks * 100).ToString(CultureInfo.InvariantCulture) + "n";
        ReadOnlySpan<(long TicksPerUnit, char Unit)> units =
        [
            (TimeSpan.TicksPerMicrosecond, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach (var (ticksPerUnit, unit) in units)
        {
            var value = ticks / ticksPerUnit + (ticks % ticksPerUnit == 0 ? 0 : 1);
            if (value <= MaxValue) return value.ToString(CultureInfo.InvariantCulture) + unit;
        }
        return MaxValue.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
