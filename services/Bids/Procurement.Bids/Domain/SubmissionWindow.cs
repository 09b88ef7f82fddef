namespace Procurement.Bids.Domain;

/// <summary>
/// Whether a submission, revision or withdrawal is still in time. The bid service judges this
/// against the deadline it learned from tender events and its own clock, so it works while the
/// tender service is down. A bid arriving at the deadline instant itself is late.
/// </summary>
public static class SubmissionWindow
{
    public static bool IsOpen(DateTimeOffset now, DateTimeOffset submissionDeadline) => now < submissionDeadline;

    public static string LateMessage(DateTimeOffset now, DateTimeOffset submissionDeadline) =>
        $"The submission deadline passed at {submissionDeadline:yyyy-MM-dd HH:mm:ss} UTC " +
        $"({(now - submissionDeadline).TotalSeconds:0.###} s before this request); bids can no longer be submitted, revised or withdrawn.";
}
