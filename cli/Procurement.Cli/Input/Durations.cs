using System.Globalization;
using System.Text.RegularExpressions;

namespace Procurement.Cli.Input;

/// <summary>Durations as people type them: 17d, 36h, 90m, 45s, or combined (1d12h, 2h30m).</summary>
public static partial class Durations
{
    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static TimeSpan Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (text.Trim().Length == 0 || !match.Success)
            throw CliException.Usage($"'{text}' is not a duration; write a number with d, h, m or s, e.g. 17d, 36h, 90m or 1d12h.");
        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var duration = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        return duration > TimeSpan.Zero ? duration : throw CliException.Usage($"'{text}' is no time at all; a duration must be positive.");
    }

    /// <summary>17d, 1d12h, 90m: the shortest way to write a duration back.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) return "-" + Format(-duration);
        var parts = new List<string>();
        if (duration.Days > 0) parts.Add($"{duration.Days}d");
        if (duration.Hours > 0) parts.Add($"{duration.Hours}h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes}m");
        if (duration.Seconds > 0 || parts.Count == 0) parts.Add($"{duration.Seconds}s");
        return string.Concat(parts);
    }

    /// <summary>An instant: RFC 3339, or "+17d" relative to <paramref name="now"/>.</summary>
    public static DateTimeOffset ParseInstant(string text, DateTimeOffset now)
    {
        if (text.StartsWith('+')) return now + Parse(text[1..]);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw CliException.Usage($"'{text}' is not an instant; write RFC 3339 (2022-10-31T12:00:00Z) or a time from now (+30d).");
    }
}
