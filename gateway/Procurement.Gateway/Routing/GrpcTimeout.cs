using System.Globalization;

namespace Procurement.Gateway.Routing;

/// <summary>The grpc-timeout request header (PROTOCOL-HTTP2.md): at most 8 digits and a unit, H M S m u n.</summary>
internal static class GrpcTimeout
{
    public const string Header = "grpc-timeout";

    // What a timer can wait (uint.MaxValue - 1 ms, about 49 days): a longer deadline is as good as none.
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>The time the caller gives the call, or null when the header is absent, not well formed or beyond a timer's reach.</summary>
    public static TimeSpan? Parse(string? value) => Read(value) is { } timeout && timeout <= Longest ? timeout : null;

    private static TimeSpan? Read(string? value)
    {
        if (value is not { Length: >= 2 and <= 9 }) return null;
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)) return null;
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromTicks(amount * 10),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
