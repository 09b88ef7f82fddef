using System.Globalization;

namespace Procurement.Web.Forms;

/// <summary>
/// GOV.UK's date input (day, month, year as typed) and a time of day, read as UK time (GMT or BST, whichever is in
/// force on that date) and turned into an instant; and back, to fill the inputs.
/// </summary>
public sealed class UkDate
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
    /// <summary>"17:00", "5pm" or "5:30pm"; empty means the default the form gives.</summary>
    public string? Time { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? Date =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
        && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 2000 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;

    /// <summary>The time of day typed, or null when it is not one.</summary>
    public TimeOnly? TimeOfDay
    {
        get
        {
            var text = (Time ?? "").Trim().ToLowerInvariant().Replace(".", ":", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            var pm = text.EndsWith("pm", StringComparison.Ordinal);
            var am = text.EndsWith("am", StringComparison.Ordinal);
            if (pm || am) text = text[..^2];
            var parts = text.Split(':');
            if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)) return null;
            var minute = 0;
            if (parts.Length == 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute))) return null;
            if (pm || am)
            {
                if (hour is < 1 or > 12) return null;
                hour = hour % 12 + (pm ? 12 : 0);
            }
            return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new TimeOnly(hour, minute) : null;
        }
    }

    /// <summary>The instant meant, in UK time; null when the date or the time is not valid.</summary>
    public DateTimeOffset? Instant
    {
        get
        {
            if (Date is not { } date || TimeOfDay is not { } time) return null;
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            // A time that does not exist (the hour the clocks go forward) is read as the same time after the change.
            if (London.IsInvalidTime(local)) local = local.AddHours(1);
            return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
        }
    }

    public static UkDate Of(DateTimeOffset? instant)
    {
        if (instant is not { } moment) return new UkDate();
        var uk = TimeZoneInfo.ConvertTime(moment, London);
        return new UkDate
        {
            Day = uk.Day.ToString(CultureInfo.InvariantCulture), Month = uk.Month.ToString(CultureInfo.InvariantCulture),
            Year = uk.Year.ToString(CultureInfo.InvariantCulture), Time = uk.ToString("HH:mm", CultureInfo.InvariantCulture),
        };
    }

    public static UkDate Of(DateOnly? date) => date is { } d
        ? new UkDate { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new UkDate();
}
