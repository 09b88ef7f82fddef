using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Tests.Domain;

public sealed class ClarificationTests
{
    private static readonly DateTimeOffset Now = SeedCase.Now;
    private static readonly DateTimeOffset ClarificationDeadline = SeedCase.JointTender().Timetable.ClarificationDeadline!.Value;
    private static readonly DateTimeOffset SubmissionDeadline = SeedCase.JointTender().Timetable.SubmissionDeadline!.Value;
    private static readonly ClarificationReader Team = new("7f-commercial", IsProcurementTeam: true);
    private static readonly ClarificationReader Asker = new("victim-support", IsProcurementTeam: false);
    private static readonly ClarificationReader Competitor = new("safe-haven", IsProcurementTeam: false);

    private static Tender Published()
    {
        var tender = Tender.CreateDraft(Guid.NewGuid(), "7f-commercial", SeedCase.JointTender(), Now);
        tender.Publish("officer-1", Now);
        return tender;
    }

    private static Clarification Asked(Tender tender) =>
        Clarification.Ask(Guid.NewGuid(), tender, "victim-support", "p-sam", "Is TUPE expected to apply?", Now.AddDays(1));

    private static DomainException Refused(Action action, RefusalKind kind)
    {
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public void A_question_before_the_clarification_deadline_is_taken_unanswered()
    {
        var tender = Published();
        var question = Asked(tender);

        Assert.Equal(tender.Id, question.TenderId);
        Assert.Equal("victim-support", question.AskedByOrganisation);
        Assert.Equal(Now.AddDays(1), question.AskedAt);
        Assert.False(question.IsAnswered);
    }

    [Fact]
    public void A_question_at_or_after_the_clarification_deadline_is_refused_naming_the_deadline()
    {
        var tender = Published();

        var error = Refused(() => Clarification.Ask(Guid.NewGuid(), tender, "victim-support", "p-sam", "Late?", ClarificationDeadline),
            RefusalKind.FailedPrecondition);

        Assert.Contains("2022-10-14 12:00:00Z", error.Message);
    }

    [Fact]
    public void A_draft_or_cancelled_tender_takes_no_questions()
    {
        var draft = Tender.CreateDraft(Guid.NewGuid(), "7f-commercial", SeedCase.JointTender(), Now);
        var cancelled = Published();
        cancelled.Cancel("Requirement withdrawn");

        foreach (var tender in new[] { draft, cancelled })
            Refused(() => Asked(tender), RefusalKind.FailedPrecondition);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_question_is_invalid(string question)
    {
        var error = Refused(() => Clarification.Ask(Guid.NewGuid(), Published(), "victim-support", "p-sam", question, Now),
            RefusalKind.InvalidArgument);

        Assert.Equal("question", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void An_overlong_question_or_answer_is_invalid_with_the_limit_named()
    {
        var tender = Published();
        var question = Refused(() => Clarification.Ask(Guid.NewGuid(), tender, "victim-support", "p-sam",
            new string('x', Clarification.MaximumQuestionLength + 1), Now), RefusalKind.InvalidArgument);
        var answer = Refused(() => Asked(tender).AnswerWith(tender, new string('x', Clarification.MaximumAnswerLength + 1), "p-ola", Now.AddDays(2)),
            RefusalKind.InvalidArgument);

        Assert.Equal(("question", "must be at most 4000 characters, not 4001"), (question.Violations[0].Field, question.Violations[0].Description));
        Assert.Equal("answer", Assert.Single(answer.Violations).Field);
    }

    [Fact]
    public void An_answer_is_given_once_and_after_the_clarification_deadline_too()
    {
        var tender = Published();
        var question = Asked(tender);

        question.AnswerWith(tender, "Yes; staff details are in annex C.", "p-ola", ClarificationDeadline.AddDays(1));
        var twice = Refused(() => question.AnswerWith(tender, "Something else", "p-ola", ClarificationDeadline.AddDays(2)), RefusalKind.FailedPrecondition);

        Assert.True(question.IsAnswered);
        Assert.Equal(("Yes; staff details are in annex C.", "p-ola"), (question.Answer, question.AnsweredBy));
        Assert.Contains("already answered", twice.Message);
    }

    [Fact]
    public void No_answer_once_the_submission_deadline_has_passed()
    {
        var tender = Published();

        var error = Refused(() => Asked(tender).AnswerWith(tender, "Too late", "p-ola", SubmissionDeadline), RefusalKind.FailedPrecondition);

        Assert.Contains("submission deadline passed", error.Message);
    }

    [Fact]
    public void An_unanswered_question_is_seen_by_the_team_and_the_asker_only()
    {
        var question = Asked(Published());

        Assert.Equal([true, true, false], new[] { Team, Asker, Competitor }.Select(question.IsVisibleTo));
    }

    [Fact]
    public void An_answered_question_is_seen_by_everyone_but_names_its_asker_only_to_the_team_and_the_asker()
    {
        var tender = Published();
        var question = Asked(tender);
        question.AnswerWith(tender, "Yes.", "p-ola", Now.AddDays(2));

        Assert.Equal([true, true, true], new[] { Team, Asker, Competitor }.Select(question.IsVisibleTo));
        Assert.Equal([true, true, false], new[] { Team, Asker, Competitor }.Select(question.ShowsAskerTo));
    }
}
