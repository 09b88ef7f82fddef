using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Gateway.Routing;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;
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
            CallPathAsync(TenderService.Descriptor.FullName, "CreateDraft", Gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal("CreateDraft needs the role procurement_officer; you have supplier.", failure.Status.Detail);
    }

    public static TheoryData<string, string, Role[]> Table => new()
    {
        { TenderService.Descriptor.FullName, "CreateDraft", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "UpdateDraft", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "Publish", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "Amend", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "CancelTender", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "CancelLot", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "CloseTender", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "AnswerClarification", [Role.ProcurementOfficer] },
        { TenderService.Descriptor.FullName, "AskClarification", [Role.Supplier] },
        { TenderService.Descriptor.FullName, "GetTender", [] },
        { TenderService.Descriptor.FullName, "ListTenders", [] },
        { TenderService.Descriptor.FullName, "ListRevisions", [] },
        { TenderService.Descriptor.FullName, "ListClarifications", [] },
        { BidService.Descriptor.FullName, "SubmitBid", [Role.Supplier] },
        { BidService.Descriptor.FullName, "ReviseBid", [Role.Supplier] },
        { BidService.Descriptor.FullName, "ReconfirmBid", [Role.Supplier] },
        { BidService.Descriptor.FullName, "WithdrawBid", [Role.Supplier] },
        { BidService.Descriptor.FullName, "GetBid", [Role.Supplier] },
        { BidService.Descriptor.FullName, "ListMyBids", [Role.Supplier] },
        { BidService.Descriptor.FullName, "VerifyReceipt", [Role.Supplier] },
        { BidService.Descriptor.FullName, "ListReceiptKeys", [] },
        { ModerationService.Descriptor.FullName, "AppointPanel", [Role.CommissioningOfficer, Role.Evaluator] },
        { ModerationService.Descriptor.FullName, "RecordScore", [Role.CommissioningOfficer, Role.Evaluator] },
        { AwardService.Descriptor.FullName, "GetAward", [Role.CommissioningOfficer, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner, Role.ProcurementOfficer] },
        { AwardService.Descriptor.FullName, "DraftDecision", [Role.CommissioningOfficer] },
        { AwardService.Descriptor.FullName, "SignDecision", [Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner] },
        { AwardService.Descriptor.FullName, "GetAssessmentSummary", [Role.Supplier, Role.CommissioningOfficer] },
        { AwardService.Descriptor.FullName, "EnterContract", [Role.CommissioningOfficer] },
        { AwardService.Descriptor.FullName, "ExtendContract", [Role.Commissioner] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Declared_access_holds_the_roles_of_DOMAIN_md(string service, string method, Role[] anyOf)
    {
        var route = new GatewayRouteTable(GatewayRoutes.All).Find(service);

        Assert.NotNull(route);
        Assert.True(route.HasMethod(method));
        Assert.Equal(anyOf.Order(), DeclaredAccess.RolesFor(route.Methods[method]).Order());
    }

    [Fact]
    public void Only_the_receipt_keys_are_declared_anonymous()
    {
        var anonymous = new GatewayRouteTable(GatewayRoutes.All).All.SelectMany(route => route.Methods.Values)
            .Where(DeclaredAccess.IsAnonymous).Select(method => method.FullName);

        Assert.Equal(["procurement.bid.v1.BidService.ListReceiptKeys"], anonymous);
    }

    [Fact]
    public void Every_method_of_the_described_services_is_in_the_table_test()
    {
        var covered = Table.Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var tenderAndBid = TenderService.Descriptor.Methods.Select(m => (TenderService.Descriptor.FullName, m.Name))
            .Concat(BidService.Descriptor.Methods.Select(m => (BidService.Descriptor.FullName, m.Name)));

        Assert.All(tenderAndBid, method => Assert.Contains(method, covered));
    }

    [Fact]
    public void The_internal_bid_content_service_is_never_routed()
    {
        Assert.DoesNotContain(GatewayRoutes.All, route => route.Service == OpenedBidService.Descriptor.FullName);
        Assert.All(OpenedBidService.Descriptor.Methods, method => Assert.True(DeclaredAccess.IsInternal(method)));
        Assert.All(GatewayRoutes.All.SelectMany(route => route.Methods.Values), method => Assert.False(DeclaredAccess.IsInternal(method)));

        var error = Assert.Throws<InvalidOperationException>(() =>
            new GatewayRouteTable([.. GatewayRoutes.All, GatewayRoute.For(OpenedBidService.Descriptor, GatewayRoutes.Bids)]));
        Assert.Contains("procurement.bid.v1.OpenedBidService.ListOpenedBids is internal", error.Message);
    }
}
