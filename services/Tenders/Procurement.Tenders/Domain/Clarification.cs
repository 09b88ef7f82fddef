namespace Procurement.Tenders.Domain;

/// <summary>
/// A supplier's question about a published tender, and the procurement team's answer. The answer is
/// for every supplier (so all bid on the same understanding); who asked stays known only to the
/// procurement team and the asking organisation, so no supplier learns who its competitors are.
/// Pure: time comes in as an argument.
/// </summary>
public sealed class Clarification
{
    public const int MaximumQuestionLength = 4000;
    public const int MaximumAnswerLength = 10000;

    private Clarification(Guid id, Guid tenderId, string question, string askedByOrganisation, string askedBy, DateTimeOffset askedAt)
    {
        Id = id;
        TenderId = tenderId;
        Question = question;
        AskedByOrganisation = askedByOrganisation;
        AskedBy = askedBy;
        AskedAt = askedAt;
    }

    public Guid Id { get; }
    public Guid TenderId { get; }
    public string Question { get; }
    public string AskedByOrganisation { get; }
    /// <summary>The person who asked (kept for the record; never shown outside the procurement team).</summary>
    public string AskedBy { get; }
    public DateTimeOffset AskedAt { get; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>A question, allowed while the tender is published and before its clarification deadline.</summary>
    public static Clarification Ask(Guid id, Tender tender, string organisation, string person, string question, DateTimeOffset now)
    {
        if (tender.Status != TenderStatus.Published)
            throw DomainException.Precondition($"The tender is {tender.Status.ToString().ToLowerInvariant()}, so it takes no more questions.");
        var deadline = tender.Content.Timetable.ClarificationDeadline
            ?? throw new InvalidOperationException("A published tender always has a clarification deadline.");
        if (now >= deadline)
            throw DomainException.Precondition($"The clarification deadline passed at {deadline:u}; questions can no longer be asked.");
        RequireText(question, "question", MaximumQuestionLength, "write the question");
        return new Clarification(id, tender.Id, question, organisation, person, now);
    }

    /// <summary>Rebuilds a clarification from its stored state (persistence only): no rule is checked.</summary>
    public static Clarification Rehydrate(
        Guid id, Guid tenderId, string question, string askedByOrganisation, string askedBy, DateTimeOffset askedAt,
        string? answer, string? answeredBy, DateTimeOffset? answeredAt) =>
        new(id, tenderId, question, askedByOrganisation, askedBy, askedAt) { Answer = answer, AnsweredBy = answeredBy, AnsweredAt = answeredAt };

    /// <summary>
    /// Answers once: every supplier has read the published answer, so it is not rewritten (a
    /// correction is a new clarification or an amendment). Only while bids can still use it.
    /// </summary>
    public void AnswerWith(Tender tender, string answer, string by, DateTimeOffset now)
    {
        if (IsAnswered)
            throw DomainException.Precondition($"The question was already answered at {AnsweredAt:u}; a published answer is not changed (amend the tender to correct it).");
        if (tender.Status != TenderStatus.Published)
            throw DomainException.Precondition($"The tender is {tender.Status.ToString().ToLowerInvariant()}, so its questions can no longer be answered.");
        if (now >= tender.SubmissionDeadline)
            throw DomainException.Precondition($"The submission deadline passed at {tender.SubmissionDeadline:u}; an answer can no longer reach the bids.");
        RequireText(answer, "answer", MaximumAnswerLength, "write the answer; every supplier is shown it");
        Answer = answer;
        AnsweredBy = by;
        AnsweredAt = now;
    }

    /// <summary>The procurement team sees every question; anyone else the answered ones and its own organisation's.</summary>
    public bool IsVisibleTo(ClarificationReader reader) => reader.IsProcurementTeam || IsAnswered || AskedByOwnOrganisation(reader);

    /// <summary>Who asked is shown only to the procurement team and to the asking organisation itself.</summary>
    public bool ShowsAskerTo(ClarificationReader reader) => reader.IsProcurementTeam || AskedByOwnOrganisation(reader);

    private bool AskedByOwnOrganisation(ClarificationReader reader) =>
        string.Equals(reader.Organisation, AskedByOrganisation, StringComparison.Ordinal);

    private static void RequireText(string text, string field, int maximumLength, string whenMissing)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw DomainException.Invalid([new Violation(field, whenMissing)]);
        if (text.Length > maximumLength)
            throw DomainException.Invalid([new Violation(field, $"must be at most {maximumLength} characters, not {text.Length}")]);
    }
}

/// <summary>Who reads a tender's clarifications: an organisation, and whether it is the tender's procurement team.</summary>
public sealed record ClarificationReader(string Organisation, bool IsProcurementTeam);
