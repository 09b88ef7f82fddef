namespace Procurement.Awards.Domain;

/// <summary>
/// The UK calendar day of an instant, and the instant a UK day starts. The rules count UK days, so a
/// notice at 23:30Z in summer (00:30 BST) belongs to the next day. UK clocks change at 01:00 UTC, so
/// local midnight always exists and is never ambiguous.
/// </summary>
internal static class UkTime
{
    // Europe/London comes from the system's tzdata (ICU is not needed, so InvariantGlobalization does not matter).
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>UK midnight at the start of the day, in UTC: 00:00Z in GMT, 23:00Z the evening before in BST.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, London), TimeSpan.Zero);
    }
}
