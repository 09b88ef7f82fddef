using System.Collections.Frozen;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;

namespace Procurement.Gateway.Routing;

/// <summary>
/// THE route table: which service serves each gRPC path and which roles each call needs at the gateway
/// (DOMAIN.md, "Identity and access"). The services check the same roles again, and what the data allows
/// (a supplier's own bids, a commissioner's own lots), which the gateway cannot see.
/// Methods are named by their generated method objects, so a typo cannot compile.
/// </summary>
public static class GatewayRoutes
{
    public const string Tenders = "Tenders";
    public const string Bids = "Bids";
    public const string Moderation = "Moderation";
    public const string Awards = "Awards";

    /// <summary>The award service's proto is not in protos/ yet: until it is, its methods are not checked here.</summary>
    public const string AwardServiceName = "procurement.award.v1.AwardService";

    public static IReadOnlyList<GatewayRoute> All { get; } =
    [
        // Reading tenders and their clarifications: any authenticated caller.
        GatewayRoute.For(TenderService.Descriptor, Tenders)
            .Require(TenderService.CreateDraftMethod, Role.ProcurementOfficer)
            .Require(TenderService.UpdateDraftMethod, Role.ProcurementOfficer)
            .Require(TenderService.PublishMethod, Role.ProcurementOfficer)
            .Require(TenderService.AmendMethod, Role.ProcurementOfficer)
            .Require(TenderService.CancelTenderMethod, Role.ProcurementOfficer)
            .Require(TenderService.CancelLotMethod, Role.ProcurementOfficer)
            .Require(TenderService.CloseTenderMethod, Role.ProcurementOfficer)
            .Require(TenderService.AnswerClarificationMethod, Role.ProcurementOfficer)
            .Require(TenderService.AskClarificationMethod, Role.Supplier),

        GatewayRoute.For(BidService.Descriptor, Bids)
            .RequireForService(Role.Supplier)
            .Require(BidService.ListOpenedBidsMethod, Role.Evaluator, Role.CommissioningOfficer),

        // Panel membership is data: the moderation service decides which evaluation an evaluator may touch.
        GatewayRoute.For(ModerationService.Descriptor, Moderation)
            .RequireForService(Role.CommissioningOfficer, Role.Evaluator),

        // The award service checks which of these may do what, per commissioner.
        GatewayRoute.ForUndescribed(AwardServiceName, Awards)
            .RequireForService(Role.CommissioningOfficer, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner,
                Role.ProcurementOfficer, Role.Supplier),
    ];

    private static readonly FrozenDictionary<string, GatewayRoute> ByService =
        All.ToFrozenDictionary(route => route.Service, StringComparer.Ordinal);

    public static IEnumerable<string> Clusters => All.Select(route => route.Cluster).Distinct();

    public static GatewayRoute? Find(string service) => ByService.GetValueOrDefault(service);
}
