using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Contracts.Events;
using Procurement.Contracts.Moderation.V1;
using Grpc.Core;
using Procurement.Moderation.Tests.Integration.Support;

namespace Procurement.Moderation.Tests.Integration;

public sealed class ConflictsAndEventsTests : ModerationTestBase
{
    [Fact]
    public async Task A_declared_conflict_keeps_that_bid_from_the_member_and_the_bid_service_is_asked_for_the_others_only()
    {
        var tender = await OpenJointTenderAsync();
        await AppointAsync(tender.Kent, People.KentOfficer, People.KentChair, People.KentOffice, People.KentForce);

        var before = await Assert.ThrowsAsync<RpcException>(async () =>
            await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = tender.Kent }, As(People.KentOffice)));
        Assert.Equal(StatusCode.FailedPrecondition, before.StatusCode);

        var declaration = new DeclareConflictsRequest { EvaluationId = tender.Kent };
        declaration.Declarations.Add(new ConflictDeclaration { Supplier = "victim-support", Conflicted = true, Note = "Volunteered for Victim Support until 2022" });
        declaration.Declarations.Add(new ConflictDeclaration { Supplier = "catch-22" });
        await Moderation.DeclareConflictsAsync(declaration, As(People.KentOffice));

        var visible = await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = tender.Kent }, As(People.KentOffice));
        Assert.Equal(["catch-22"], visible.Offers.Select(o => o.Supplier));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Moderation.RecordScoreAsync(new RecordScoreRequest
        {
            EvaluationId = tender.Kent, BidId = tender.BidIds[("victim-support", "kent")], CriterionId = "Q1", Score = 4, Justification = "n/a",
        }, As(People.KentOffice)));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var evaluation = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = tender.Kent }, As(People.KentOfficer));
        Assert.True(evaluation.Evaluators.Single(e => e.PersonId == People.KentOffice.PersonId).Declared);
    }

    [Fact]
    public async Task A_panel_of_another_commissioners_people_is_refused_field_by_field()
    {
        var tender = await OpenJointTenderAsync();
        var request = new AppointPanelRequest { EvaluationId = tender.Kent, Chair = People.Member(People.KentChair, Affiliation.Office) };
        request.Evaluators.Add(People.Member(People.EssexOffice, Affiliation.Office));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Moderation.AppointPanelAsync(request, As(People.KentOfficer)));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["evaluators[0].commissioner"], Contracts.Common.V1.FieldViolations.Of(refused).Select(v => v.Field));
        var evaluation = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = tender.Kent }, As(People.KentOfficer));
        Assert.Equal(Stage.AwaitingPanel, evaluation.Stage);
    }

    [Fact]
    public async Task A_redelivered_BidsOpened_opens_no_second_evaluation()
    {
        var tender = await OpenJointTenderAsync();

        await DeliverAsync(new BidsOpened(tender.TenderId, "kent", "kent", [], DateTimeOffset.UnixEpoch));
        // A later event on the same queue, consumed in order: once its effect shows, the duplicate was handled.
        await DeliverAsync(new TenderAmended(tender.TenderId, 2, "After closing: ignored by evaluations already open", DateTimeOffset.UnixEpoch, SubmissionDeadline, Lots, SubmissionDeadline));
        await Eventually.True(() => QueryAsync(db => db.LotModels.AnyAsync(l => l.TenderId == tender.TenderId && l.Revision == 2)), "the amendment was applied");

        var evaluations = await Moderation.ListEvaluationsAsync(new ListEvaluationsRequest { TenderId = tender.TenderId.ToString() }, As(People.KentOfficer));
        var kent = Assert.Single(evaluations.Evaluations);
        Assert.Equal(tender.Kent, kent.Id);
        Assert.Equal(2, kent.Bids.Count);
    }

    [Fact]
    public async Task A_cancelled_lot_stops_its_evaluation_and_the_other_lot_goes_on()
    {
        var tender = await OpenJointTenderAsync();
        await AppointAsync(tender.Essex, People.EssexOfficer, People.EssexChair, People.EssexOffice);

        await DeliverAsync(new LotCancelled(tender.TenderId, "essex", "essex", "Essex extends its current contract", SubmissionDeadline.AddDays(3)));
        await Eventually.True(async () =>
            (await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = tender.Essex }, As(People.EssexOfficer))).Stage == Stage.Cancelled,
            "Essex's evaluation stopped");

        var stopped = await Assert.ThrowsAsync<RpcException>(async () => await DeclareNoConflictsAsync(tender.Essex, People.EssexOffice));
        Assert.Equal(StatusCode.FailedPrecondition, stopped.StatusCode);
        Assert.Contains("Essex extends its current contract", stopped.Status.Detail);
        var kent = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = tender.Kent }, As(People.KentOfficer));
        Assert.Equal(Stage.AwaitingPanel, kent.Stage);
    }
}
