using System.Globalization;
using System.Text.Json.Nodes;

namespace Procurement.Awards.Domain;

/// <summary>
/// Money and periods as OCDS writes them, and the totals it wants from the suite's annual figures.
/// Amounts are integer pence until they are written: pence ÷ 100 as a decimal, never a float.
/// </summary>
public static class OcdsValues
{
    /// <summary>An annual amount over a term of months: annual × months ÷ 12, to the nearest penny (halves away from zero).</summary>
    public static OcdsMoney OverTerm(OcdsMoney annual, int months) =>
        new((long)Math.Round(annual.Pence * (decimal)months / 12m, MidpointRounding.AwayFromZero), annual.Currency);

    /// <summary>The last day of a term of months from its first day (1 April 2023 + 48 months ends on 31 March 2027).</summary>
    public static DateOnly EndOfTerm(DateOnly start, int months) => start.AddMonths(months).AddDays(-1);

    public static OcdsMoney Sum(OcdsMoney first, IEnumerable<OcdsMoney> more) =>
        more.Aggregate(first, (total, next) => total with { Pence = total.Pence + next.Pence });

    public static JsonObject Money(OcdsMoney money) => new() { ["amount"] = money.Pence / 100m, ["currency"] = money.Currency };

    /// <summary>
    /// OCDS wants date-times where the suite has dates: a start date is written as 00:00:00Z of that date and an end
    /// date as 23:59:59Z, so the date part is the contract's own. <paramref name="maxExtent"/> is the last day the
    /// period may reach with every extension allowed (OCDS 1.1 Period.maxExtentDate).
    /// </summary>
    public static JsonObject Period(DateOnly start, DateOnly end, DateOnly? maxExtent = null)
    {
        var period = new JsonObject { ["startDate"] = StartOf(start), ["endDate"] = EndOf(end) };
        if (maxExtent is { } max) period["maxExtentDate"] = EndOf(max);
        return period;
    }

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The compact form used in release ids: 20230123T170000Z.</summary>
    public static string Compact(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Pounds for people, e.g. "£550,000" or "£1,234.50".</summary>
    public static string Describe(OcdsMoney money)
    {
        var pounds = money.Pence / 100m;
        var amount = pounds.ToString(pounds == decimal.Truncate(pounds) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
        return money.Currency == "GBP" ? $"£{amount}" : $"{amount} {money.Currency}";
    }

    private static string StartOf(DateOnly date) => date.ToString("yyyy-MM-dd'T00:00:00Z'", CultureInfo.InvariantCulture);

    private static string EndOf(DateOnly date) => date.ToString("yyyy-MM-dd'T23:59:59Z'", CultureInfo.InvariantCulture);
}
