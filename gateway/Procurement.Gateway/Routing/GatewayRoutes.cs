using System.Collections.Frozen;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Dev.V1;
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

    /// <summary>Not a cluster: the gateway serves these itself (the development clock, passed on to every service).</summary>
    public const string Gateway = "Gateway";

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

        // Per method, the roles that may take part; the award service checks whose commissioner's award it is.
        GatewayRoute.For(AwardService.Descriptor, Awards)
            .RequireForService(Role.CommissioningOfficer, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner, Role.ProcurementOfficer)
            .Require(AwardService.DraftDecisionMethod, Role.CommissioningOfficer)
            .Require(AwardService.SignDecisionMethod, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner)
            .Require(AwardService.RefuseDecisionMethod, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner)
            .Require(AwardService.GetAssessmentSummaryMethod, Role.Supplier, Role.CommissioningOfficer)
            .Require(AwardService.RecordChallengeMethod, Role.ProcurementOfficer, Role.CommissioningOfficer)
            .Require(AwardService.ResolveChallengeMethod, Role.ProcurementOfficer, Role.CommissioningOfficer)
            .Require(AwardService.EnterContractMethod, Role.CommissioningOfficer)
            .Require(AwardService.ExtendContractMethod, Role.Commissioner)
            .Require(AwardService.GetReleasePackageMethod, Role.CommissioningOfficer, Role.FinanceOfficer, Role.ChiefExecutive, Role.Commissioner,
                Role.ProcurementOfficer, Role.Supplier, Role.Evaluator),

        // DEVELOPMENT ONLY, answered by the gateway from all four services (refused unless Development:ClockControl).
        GatewayRoute.For(DevelopmentClock.Descriptor, Gateway)
            .RequireForService(Role.ProcurementOfficer),
    ];
}

/// <summary>
/// The routes this gateway serves: <see cref="GatewayRoutes.All"/>, plus any a host adds (a test's probe
/// service). One instance per gateway, from DI.
/// </summary>
public sealed class GatewayRouteTable
{
    private readonly FrozenDictionary<string, GatewayRoute> _byService;

    public GatewayRouteTable(IEnumerable<GatewayRoute> routes)
    {
        All = [.. routes];
        _byService = All.ToFrozenDictionary(route => route.Service, StringComparer.Ordinal);
    }

    public IReadOnlyList<GatewayRoute> All { get; }

    /// <summary>The clusters calls are forwarded to (not <see cref="GatewayRoutes.Gateway"/>).</summary>
    public IEnumerable<string> Clusters => Forwarded.Select(route => route.Cluster).Distinct();

    /// <summary>The routes YARP forwards: all but those the gateway answers itself.</summary>
    public IEnumerable<GatewayRoute> Forwarded => All.Where(route => route.Cluster != GatewayRoutes.Gateway);

    public GatewayRoute? Find(string service) => _byService.GetValueOrDefault(service);
}
