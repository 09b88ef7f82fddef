using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

public sealed class TenderClarificationTests : TenderServiceTestBase
{
    private static readonly DateTimeOffset ClarificationDeadline = new(2022, 10, 14, 12, 0, 0, TimeSpan.Zero);

    private async Task<Clarification> AskAsync(Tender tender, Caller supplier, string question) =>
        await Tenders.AskClarificationAsync(new AskClarificationRequest { TenderId = tender.Id, Question = question }, As(supplier));

    private async Task<Clarification> AnswerAsync(Clarification question, string answer, Caller? officer = null) =>
        await Tenders.AnswerClarificationAsync(new AnswerClarificationRequest { ClarificationId = question.Id, Answer = answer }, As(officer ?? People.SevenFOfficer));

    private async Task<IReadOnlyList<(string Question, string Answer, string AskedBy)>> ListAsync(Tender tender, Caller reader) =>
    [
        .. (await Tenders.ListClarificationsAsync(new ListClarificationsRequest { TenderId = tender.Id }, As(reader))).Clarifications
            .Select(c => (c.Question, c.Answer, c.AskedByOrganisation)),
    ];

    private static async Task<RpcException> Refused(Func<Task> call, StatusCode expected)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, refused.StatusCode);
        return refused;
    }

    [Fact]
    public async Task Answered_questions_reach_every_supplier_but_only_the_team_and_the_asker_know_who_asked()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        var tupe = await AskAsync(tender, People.Supplier, "Is TUPE expected to apply?");
        Clock.Advance(TimeSpan.FromHours(1));
        await AskAsync(tender, People.OtherSupplier, "May a consortium bid?");

        Assert.Equal([("Is TUPE expected to apply?", "", "victim-support")], await ListAsync(tender, People.Supplier));
        Assert.Equal([("Is TUPE expected to apply?", "", "victim-support")], await ListAsync(tender, People.SupplierColleague));
        Assert.Equal([("May a consortium bid?", "", "safer-futures")], await ListAsync(tender, People.OtherSupplier));
        Assert.Equal([("Is TUPE expected to apply?", "", "victim-support"), ("May a consortium bid?", "", "safer-futures")],
            await ListAsync(tender, People.SevenFOfficer));

        var answered = await AnswerAsync(tupe, "Yes; staff details are in annex C.");

        Assert.Equal(("victim-support", Clock.GetUtcNow()), (answered.AskedByOrganisation, answered.AnsweredAt.ToDateTimeOffset()));
        Assert.Equal([("Is TUPE expected to apply?", "Yes; staff details are in annex C.", ""), ("May a consortium bid?", "", "safer-futures")],
            await ListAsync(tender, People.OtherSupplier));
        Assert.Equal([("Is TUPE expected to apply?", "Yes; staff details are in annex C.", "")], await ListAsync(tender, People.OtherUnitOfficer));
        Assert.Equal([("Is TUPE expected to apply?", "Yes; staff details are in annex C.", "victim-support")], await ListAsync(tender, People.Supplier));
    }

    [Fact]
    public async Task A_question_after_the_clarification_deadline_is_refused_naming_the_deadline()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        Clock.AdvanceTo(ClarificationDeadline - TimeSpan.FromMinutes(1));
        await AskAsync(tender, People.Supplier, "Just in time?");
        Clock.AdvanceTo(ClarificationDeadline);

        var refused = await Refused(() => AskAsync(tender, People.Supplier, "Too late?"), StatusCode.FailedPrecondition);

        Assert.Contains("clarification deadline passed at 2022-10-14 12:00:00Z", refused.Status.Detail);
        Assert.Single(await ListAsync(tender, People.Supplier));
    }

    [Fact]
    public async Task An_empty_or_overlong_question_is_invalid_and_the_field_is_named()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());

        foreach (var question in new[] { " ", new string('?', 4001) })
        {
            var refused = await Refused(() => AskAsync(tender, People.Supplier, question), StatusCode.InvalidArgument);
            var violation = Assert.Single(FieldViolations.Of(refused));
            Assert.Equal("question", violation.Field);
        }
    }

    [Fact]
    public async Task A_draft_takes_no_questions_and_is_not_found_by_suppliers()
    {
        var draft = await CreateDraftAsync(Drafts.JointTender());

        var asked = await Refused(() => AskAsync(draft, People.Supplier, "Anything?"), StatusCode.NotFound);
        await Refused(() => ListAsync(draft, People.Supplier), StatusCode.NotFound);

        Assert.Equal($"Tender '{draft.Id}' does not exist.", asked.Status.Detail);
    }

    [Fact]
    public async Task Only_the_procuring_entitys_officers_answer_and_only_once()
    {
        var tender = await CreatePublishedAsync(Drafts.JointTender());
        var question = await AskAsync(tender, People.Supplier, "Is TUPE expected to apply?");

        await Refused(() => AskAsync(tender, People.SevenFOfficer, "Officers do not ask"), StatusCode.PermissionDenied);
        await Refused(() => AnswerAsync(question, "Suppliers do not answer", People.OtherSupplier), StatusCode.PermissionDenied);
        var otherUnit = await Refused(() => AnswerAsync(question, "Not our tender", People.OtherUnitOfficer), StatusCode.PermissionDenied);
        Assert.Contains("procuring entity may answer its clarifications", otherUnit.Status.Detail);
        await Refused(() => AnswerAsync(new Clarification { Id = Guid.NewGuid().ToString() }, "Nobody asked"), StatusCode.NotFound);

        await AnswerAsync(question, "Yes.");
        var twice = await Refused(() => AnswerAsync(question, "Actually, no."), StatusCode.FailedPrecondition);

        Assert.Contains("already answered", twice.Status.Detail);
        Assert.Equal([("Is TUPE expected to apply?", "Yes.", "")], await ListAsync(tender, People.OtherSupplier));
    }
}
