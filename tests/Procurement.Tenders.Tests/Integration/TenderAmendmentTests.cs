using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

public sealed class TenderAmendmentTests : TenderServiceTestBase
{
    private static AmendRequest ExtendDeadline(Tender tender, long expectedVersion)
    {
        var content = Drafts.JointTender();
        content.Timetable.SubmissionDeadline = Timestamp.FromDateTimeOffset(content.Timetable.SubmissionDeadline.ToDateTimeOffset().AddDays(7));
        return new AmendRequest { TenderId = tender.Id, ExpectedVersion = expectedVersion, Content = content, Summary = "Submission deadline extended by one week" };
    }

    [Fact]
    public async Task Amendment_makes_revision_2_and_both_revisions_are_listed()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());
        Clock.Advance(TimeSpan.FromDays(1));

        var amended = await Tenders.AmendAsync(ExtendDeadline(published, published.Version), As(People.SevenFOfficer));

        Assert.Equal(2, amended.Revision);
        Assert.NotEqual(published.Version, amended.Version);
        var revisions = (await Tenders.ListRevisionsAsync(new ListRevisionsRequest { TenderId = published.Id }, As(People.Supplier))).Revisions;
        Assert.Equal([1, 2], revisions.Select(r => r.Revision_));
        Assert.Equal("Submission deadline extended by one week", revisions[1].Summary);
        Assert.Equal("p-ola", revisions[1].By);
        Assert.Equal(new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), revisions[0].Content.Timetable.SubmissionDeadline.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2022, 11, 7, 12, 0, 0, TimeSpan.Zero), revisions[1].Content.Timetable.SubmissionDeadline.ToDateTimeOffset());
        var announced = await Eventually.Single(() => Events.Find<TenderAmended>(e => e.TenderId.ToString() == published.Id), "TenderAmended consumed");
        Assert.Equal(2, announced.Revision);
    }

    [Fact]
    public async Task Amendment_against_a_stale_version_is_aborted_and_changes_nothing()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());
        await Tenders.AmendAsync(ExtendDeadline(published, published.Version), As(People.SevenFOfficer));

        var stale = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.AmendAsync(ExtendDeadline(published, published.Version), As(People.SevenFOfficer)));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Contains("changed since you read it", stale.Status.Detail);
        var read = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = published.Id }, As(People.SevenFOfficer));
        Assert.Equal(2, read.Revision);
    }

    [Fact]
    public async Task Officer_of_another_procurement_unit_may_read_but_not_amend()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.AmendAsync(ExtendDeadline(published, published.Version), As(People.OtherUnitOfficer)));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Cancelling_one_lot_announces_LotCancelled_and_the_other_lot_goes_on()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());

        var afterCancel = await Tenders.CancelLotAsync(
            new CancelLotRequest { TenderId = published.Id, LotId = "essex", Reason = "Essex extends its current contract instead" }, As(People.SevenFOfficer));

        Assert.Equal(TenderStatus.Published, afterCancel.Status);
        Assert.Equal(LotStatus.Cancelled, afterCancel.Lots.Single(l => l.Id == "essex").Status);
        Assert.Equal(LotStatus.Active, afterCancel.Lots.Single(l => l.Id == "kent").Status);
        var announced = await Eventually.Single(() => Events.Find<LotCancelled>(e => e.TenderId.ToString() == published.Id), "LotCancelled consumed");
        Assert.Equal(("essex", "essex", "Essex extends its current contract instead"), (announced.LotId, announced.Commissioner, announced.Reason));
        Assert.Equal(Clock.GetUtcNow(), announced.CancelledAt);
    }

    [Fact]
    public async Task Cancelling_an_unknown_lot_is_not_found_and_a_cancelled_tender_cannot_be_amended()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.CancelLotAsync(new CancelLotRequest { TenderId = published.Id, LotId = "devon", Reason = "x" }, As(People.SevenFOfficer)));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        var cancelled = await Tenders.CancelTenderAsync(new CancelTenderRequest { TenderId = published.Id, Reason = "Requirement withdrawn" }, As(People.SevenFOfficer));
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.AmendAsync(ExtendDeadline(published, cancelled.Version), As(People.SevenFOfficer)));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        await Eventually.Single(() => Events.Find<TenderCancelled>(e => e.TenderId.ToString() == published.Id), "TenderCancelled consumed");
    }
}
