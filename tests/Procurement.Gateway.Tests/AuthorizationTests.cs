using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Gateway.Routing;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Procurement.Grpc;
using Procurement.Identity;

namespace Procurement.Gateway.Tests;

public sealed class AuthorizationTests : ProbeGatewayTestBase
{
    [Fact]
    public async Task Caller_without_a_role_of_the_route_is_denied_and_the_service_never_sees_the_call()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EchoAsync(new EchoRequest(), Gateway.As(People.Evaluator)));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal("Echo needs one of the roles commissioning_officer, finance_officer, chief_executive, commissioner, procurement_officer, supplier; you have evaluator.",
            failure.Status.Detail);
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Method_level_role_is_checked_at_the_gateway()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            CallPathAsync(TenderService.ServiceName, "CreateDraft", Gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal("CreateDraft needs the role procurement_officer; you have supplier.", failure.Status.Detail);
    }

    public static TheoryData<string, string, Role[]> Table => new()
    {
        { TenderService.ServiceName, "CreateDraft", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "UpdateDraft", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "Publish", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "Amend", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "CancelTender", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "CancelLot", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "CloseTender", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "AnswerClarification", [Role.ProcurementOfficer] },
        { TenderService.ServiceName, "AskClarification", [Role.Supplier] },
        { TenderService.ServiceName, "GetTender", [] },
        { TenderService.ServiceName, "ListTenders", [] },
        { TenderService.ServiceName, "ListRevisions", [] },
        { TenderService.ServiceName, "ListClarifications", [] },
        { BidService.ServiceName, "ListOpenedBids", [Role.Evaluator, Role.CommissioningOfficer] },
        { BidService.ServiceName, "SubmitBid", [Role.Supplier] },
        { BidService.ServiceName, "ReviseBid", [Role.Supplier] },
        { BidService.ServiceName, "ReconfirmBid", [Role.Supplier] },
        { BidService.ServiceName, "WithdrawBid", [Role.Supplier] },
        { BidService.ServiceName, "GetBid", [Role.Supplier] },
        { BidService.ServiceName, "ListMyBids", [Role.Supplier] },
        { BidService.ServiceName, "VerifyReceipt", [Role.Supplier] },
        { ModerationService.ServiceName, "AppointPanel", [Role.CommissioningOfficer, Role.Evaluator] },
        { ModerationService.ServiceName, "RecordScore", [Role.CommissioningOfficer, Role.Evaluator] },
        { AwardService.ServiceName, "GetAward", [Role.CommissioningOfficer, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner, Role.ProcurementOfficer] },
        { AwardService.ServiceName, "DraftDecision", [Role.CommissioningOfficer] },
        { AwardService.ServiceName, "SignDecision", [Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner] },
        { AwardService.ServiceName, "GetAssessmentSummary", [Role.Supplier, Role.CommissioningOfficer] },
        { AwardService.ServiceName, "EnterContract", [Role.CommissioningOfficer] },
        { AwardService.ServiceName, "ExtendContract", [Role.Commissioner] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Route_table_holds_the_roles_of_DOMAIN_md(string service, string method, Role[] anyOf)
    {
        var route = new GatewayRouteTable(GatewayRoutes.All).Find(service);

        Assert.NotNull(route);
        Assert.True(route.HasMethod(method));
        var required = route.RolesFor(method);
        if (anyOf.Length == 0) Assert.Null(required);
        else Assert.Equal(anyOf.Order(), required!.AnyOf.Order());
    }

    [Fact]
    public void Every_method_of_the_described_services_is_in_the_table_test()
    {
        var covered = Table.Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var tenderAndBid = TenderService.Descriptor.Methods.Select(m => (TenderService.ServiceName, m.Name))
            .Concat(BidService.Descriptor.Methods.Select(m => (BidService.ServiceName, m.Name)));

        Assert.All(tenderAndBid, method => Assert.Contains(method, covered));
    }
}
