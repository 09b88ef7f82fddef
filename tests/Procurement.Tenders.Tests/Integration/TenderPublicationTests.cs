using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Events;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Tenders.Tests.Integration.Support;

namespace Procurement.Tenders.Tests.Integration;

public sealed class TenderPublicationTests : TenderServiceTestBase
{
    [Fact]
    public async Task Joint_tender_published_by_7F_Commercial_is_visible_at_revision_1_and_announced_on_the_broker()
    {
        var published = await CreatePublishedAsync(Drafts.JointTender());

        var read = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = published.Id }, As(People.Supplier));
        Assert.Equal(TenderStatus.Published, read.Status);
        Assert.Equal(1, read.Revision);
        Assert.Equal("7f-commercial", read.ProcuringEntity);
        Assert.Equal(["kent", "essex"], read.Commissioners);
        Assert.Equal(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Clock.GetUtcNow()), read.PublishedAt);
        var kent = read.Lots.Single(l => l.Id == "kent");
        Assert.Equal(LotStatus.Active, kent.Status);
        Assert.Equal(new Procurement.Contracts.Common.V1.Money { MinorUnits = 1_000_000_00, Currency = "GBP" }, kent.EstimatedAnnualValue);
        Assert.Equal(new Date { Year = 2023, Month = 4, Day = 1 }, kent.ContractTerms.StartDate);
        Assert.Equal(50, kent.Evaluation.MinimumQualityPercent);
        Assert.False(read.Lots.Single(l => l.Id == "essex").Evaluation.HasMinimumQualityPercent);
        Assert.Equal(published.Version, read.Version);

        var announced = await Eventually.Single(() => Events.Find<TenderPublished>(e => e.TenderId.ToString() == published.Id), "TenderPublished consumed");
        Assert.Equal("7F-2022-VAS-001", announced.Reference);
        Assert.Equal(1, announced.Revision);
        Assert.Equal(["kent", "essex"], announced.Lots.Select(l => l.Commissioner));
        Assert.Contains(new CriterionSummary("SV1", "social_value", 10), announced.Lots[0].Criteria);
        // How the evaluation scores: Kent's 0-5 scale and 50% quality threshold; Essex has no threshold.
        Assert.Equal((0, 5, 50), (announced.Lots[0].ScaleMinimum, announced.Lots[0].ScaleMaximum, announced.Lots[0].MinimumQualityPercent));
        Assert.Null(announced.Lots[1].MinimumQualityPercent);
        Assert.Equal(new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero), announced.SubmissionDeadline);
    }

    [Fact]
    public async Task Publishing_an_invalid_draft_is_refused_with_every_violation_in_the_trailer()
    {
        var content = Drafts.JointTender();
        content.Reference = "";
        content.Lots[0].Evaluation.Criteria[0].WeightPercent = 20;   // Kent's weights now sum to 90
        var draft = await CreateDraftAsync(content);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(People.SevenFOfficer)));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violations = FieldViolations.Of(refused);
        Assert.Contains(violations, v => v.Field == "reference" && v.Description == "is required");
        Assert.Contains(violations, v => v.Field == "lots[0].evaluation.criteria" && v.Description.Contains("sum to 90"));
        Assert.Contains("sum to 90", refused.Status.Detail);
        var stillDraft = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = draft.Id }, As(People.SevenFOfficer));
        Assert.Equal(TenderStatus.Draft, stillDraft.Status);
    }

    [Fact]
    public async Task Impossible_contract_start_date_is_refused_as_invalid_argument()
    {
        var content = Drafts.JointTender();
        content.Lots[1].ContractTerms.StartDate = new Date { Year = 2023, Month = 2, Day = 30 };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await CreateDraftAsync(content));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(FieldViolations.Of(refused));
        Assert.Equal("lots[1].contract_terms.start_date", violation.Field);
    }

    [Fact]
    public async Task Supplier_creating_a_tender_is_permission_denied()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await CreateDraftAsync(Drafts.JointTender(), People.Supplier));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task Draft_is_not_found_for_a_supplier_or_another_unit_just_as_a_tender_that_does_not_exist()
    {
        var draft = await CreateDraftAsync(Drafts.JointTender());
        var missing = Guid.NewGuid().ToString();

        foreach (var outsider in new[] { People.Supplier, People.OtherUnitOfficer })
        {
            var hidden = await Assert.ThrowsAsync<RpcException>(async () =>
                await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = draft.Id }, As(outsider)));
            var absent = await Assert.ThrowsAsync<RpcException>(async () =>
                await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = missing }, As(outsider)));
            Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(absent.Status.Detail.Replace(missing, draft.Id), hidden.Status.Detail);
        }
        var officer = await Assert.ThrowsAsync<RpcException>(async () =>
            await Tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, As(People.OtherUnitOfficer)));
        Assert.Equal(StatusCode.NotFound, officer.StatusCode);
    }

    [Fact]
    public async Task Migrations_applied_again_change_nothing()
    {
        var before = await AppliedMigrationsAsync();

        await MigrateAgainAsync();

        Assert.NotEmpty(before);
        Assert.Equal(before, await AppliedMigrationsAsync());
    }
}
