using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Pages.Tenders;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Web.Tests.Unit;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset Published = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);

    private static Tender JointTender()
    {
        var tender = new Tender
        {
            PublishedAt = Timestamp.FromDateTimeOffset(Published),
            Timetable = new Timetable
            {
                ClarificationDeadline = Timestamp.FromDateTimeOffset(Published.AddDays(14)),
                // 23:30 UTC in summer is already the next day in the UK.
                SubmissionDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 9, 30, 23, 30, 0, TimeSpan.Zero)),
            },
        };
        foreach (var (lot, start) in new[] { ("kent", new DateOnly(2023, 1, 29)), ("essex", new DateOnly(2023, 1, 29)) })
            tender.Lots.Add(new Lot { Id = lot, Title = lot, ContractTerms = new ContractTerms { StartDate = new Common.Date { Year = start.Year, Month = start.Month, Day = start.Day } } });
        return tender;
    }

    [Fact]
    public void Milestones_are_in_date_order_placed_in_proportion_with_uk_dates()
    {
        var timeline = Timeline.Of(JointTender(), Published.AddDays(20));

        Assert.Equal(["Published", "Clarification deadline", "Submission deadline", "Contract starts"], timeline.Milestones.Select(m => m.Name));
        Assert.Equal(new DateOnly(2022, 10, 1), timeline.Milestones[2].Date);
        Assert.Equal(0, timeline.Milestones[0].Position);
        Assert.Equal(1, timeline.Milestones[^1].Position);
        Assert.Equal(14 / 150.0, timeline.Milestones[1].Position, 6);
        Assert.Equal([true, true, false, false], timeline.Milestones.Select(m => m.Passed));
        Assert.Equal(20 / 150.0, timeline.Today!.Value, 6);
    }

    [Fact]
    public void Lots_starting_on_different_dates_each_have_their_own_milestone_and_today_outside_the_span_is_not_drawn()
    {
        var tender = JointTender();
        tender.Lots[1].ContractTerms.StartDate = new Common.Date { Year = 2023, Month = 4, Day = 1 };

        var timeline = Timeline.Of(tender, Published.AddYears(2));

        Assert.Equal(["Contract starts (kent)", "Contract starts (essex)"], timeline.Milestones.Skip(3).Select(m => m.Name));
        Assert.All(timeline.Milestones, m => Assert.True(m.Passed));
        Assert.Null(timeline.Today);
    }

    [Fact]
    public void A_draft_without_dates_has_an_empty_timeline() =>
        Assert.Empty(Timeline.Of(new Tender(), Published).Milestones);
}
