using Procurement.Contracts.Award.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// A contract's term as a bar: the initial term, each extension taken, and the allowance still available, in
/// proportion to the longest the contract could run; and where today falls on it. Drawn as an SVG beside a table of
/// the same dates (its text equivalent).
/// </summary>
public sealed record ContractTerm(DateOnly Start, IReadOnlyList<ContractTerm.Segment> Segments, DateOnly LatestEnd, double? Today)
{
    public enum Kind { Initial, Extension, Remaining }

    /// <summary>A stretch of the term: from and to (to inclusive, as contracts say), and its share of the bar (0 to 1).</summary>
    public sealed record Segment(Kind Kind, string Label, DateOnly From, DateOnly To, double Left, double Width);

    public static ContractTerm Of(Contract contract, DateTimeOffset now)
    {
        var start = ToDate(contract.Start);
        var initialEnd = ToDate(contract.InitialEnd);
        var currentEnd = ToDate(contract.CurrentEnd);
        // Ends are inclusive (the day before an anniversary): the allowance left runs on from the day after the current end.
        var latestEnd = currentEnd.AddDays(1).AddMonths(contract.RemainingAllowanceMonths).AddDays(-1);
        var total = Math.Max(1, latestEnd.DayNumber - start.DayNumber + 1);
        double At(DateOnly date) => Math.Clamp((date.DayNumber - start.DayNumber) / (double)total, 0, 1);
        Segment Part(Kind kind, string label, DateOnly from, DateOnly to) => new(kind, label, from, to, At(from), At(to.AddDays(1)) - At(from));

        var segments = new List<Segment> { Part(Kind.Initial, "Initial term", start, initialEnd) };
        foreach (var (extension, index) in contract.Extensions.Select((e, i) => (e, i + 1)))
            segments.Add(Part(Kind.Extension, $"Extension {index} ({extension.Reference})", ToDate(extension.From), ToDate(extension.To)));
        if (contract.RemainingAllowanceMonths > 0)
            segments.Add(Part(Kind.Remaining, "Extensions still allowed", currentEnd.AddDays(1), latestEnd));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        return new ContractTerm(start, segments, latestEnd, today < start || today > latestEnd ? null : At(today));
    }

    private static DateOnly ToDate(Procurement.Contracts.Common.V1.Date? date) =>
        date is { Year: > 0 } ? new DateOnly(date.Year, date.Month, date.Day) : DateOnly.MinValue;
}
