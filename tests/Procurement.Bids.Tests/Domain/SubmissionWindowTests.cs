using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class SubmissionWindowTests
{
    private static readonly DateTimeOffset Deadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_until_the_last_tick_before_the_deadline()
    {
        Assert.True(SubmissionWindow.IsOpen(Deadline.AddTicks(-1), Deadline));
    }

    [Fact]
    public void Closed_at_the_deadline_instant_and_after()
    {
        Assert.False(SubmissionWindow.IsOpen(Deadline, Deadline));
        Assert.False(SubmissionWindow.IsOpen(Deadline.AddMilliseconds(1), Deadline));
    }

    [Fact]
    public void Late_message_names_the_deadline_and_how_late()
    {
        var message = SubmissionWindow.LateMessage(Deadline.AddSeconds(2.5), Deadline);
        Assert.Contains("2022-10-31 12:00:00 UTC", message);
        Assert.Contains("2.5 s", message);
    }
}
