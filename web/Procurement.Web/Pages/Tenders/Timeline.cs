using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>One date on a tender's timeline, with where it falls along the line (0 to 1) and whether it has passed.</summary>
public sealed record Milestone(string Name, DateOnly Date, double Position, bool Passed);

/// <summary>
/// A tender's timeline, for the picture and its table: publication, clarification deadline, submission deadline, the
/// end of standstill (when known) and each lot's contract start, in date order, placed in proportion to the time
/// between them. Dates are the UK's (Europe/London).
/// </summary>
public sealed record Timeline(IReadOnlyList<Milestone> Milestones, double? Today)
{
    private static readonly TimeZoneInfo UkTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static Timeline Of(Tender tender, DateTimeOffset now, DateOnly? standstillEnd = null)
    {
        var dates = new List<(string Name, DateOnly Date)>();
        if (tender.PublishedAt is { } published) dates.Add(("Published", UkDate(published.ToDateTimeOffset())));
        if (tender.Timetable?.ClarificationDeadline is { } clarification) dates.Add(("Clarification deadline", UkDate(clarification.ToDateTimeOffset())));
        if (tender.Timetable?.SubmissionDeadline is { } submission) dates.Add(("Submission deadline", UkDate(submission.ToDateTimeOffset())));
        if (standstillEnd is { } standstill) dates.Add(("Standstill ends", standstill));
        foreach (var start in tender.Lots.Where(l => l.ContractTerms?.StartDate is { Year: > 0 }).GroupBy(l => ToDate(l.ContractTerms.StartDate)))
            dates.Add((start.Count() == tender.Lots.Count ? "Contract starts" : $"Contract starts ({string.Join(", ", start.Select(l => l.Title))})", start.Key));
        if (dates.Count == 0) return new Timeline([], null);

        dates.Sort((a, b) => a.Date.CompareTo(b.Date));
        var first = dates[0].Date.DayNumber;
        var span = Math.Max(1, dates[^1].Date.DayNumber - first);
        var today = UkDate(now);
        var milestones = dates.Select(d => new Milestone(d.Name, d.Date, (d.Date.DayNumber - first) / (double)span, d.Date <= today)).ToList();
        double? todayPosition = today.DayNumber >= first && today.DayNumber <= first + span ? (today.DayNumber - first) / (double)span : null;
        return new Timeline(milestones, todayPosition);
    }

    public static DateOnly UkDate(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, UkTime).DateTime);

    private static DateOnly ToDate(Procurement.Contracts.Common.V1.Date date) => new(date.Year, date.Month, date.Day);
}
