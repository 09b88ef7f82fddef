using Procurement.Identity;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>Callers from DOMAIN.md's case.</summary>
public static class People
{
    public static Caller VictimSupport { get; } = Supplier("victim-support");
    public static Caller Catch22 { get; } = Supplier("catch-22");

    public static Caller KentEvaluator { get; } = new("p-kim", "Kim Evaluator", "kent-opcc", "kent", new HashSet<Role> { Role.Evaluator });
    public static Caller EssexEvaluator { get; } = new("p-eve", "Eve Evaluator", "essex-pfcc", "essex", new HashSet<Role> { Role.Evaluator });
    public static Caller KentCommissioningOfficer { get; } =
        new("p-kit", "Kit Commissioning", "kent-opcc", "kent", new HashSet<Role> { Role.CommissioningOfficer });
    public static Caller ProcurementOfficer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    /// <summary>The moderation service, calling with its own (development) service token.</summary>
    public static Caller ModerationService { get; } = ServiceTokens.DevelopmentCaller("moderation");

    /// <summary>A person bidding for a supplier organisation.</summary>
    public static Caller Supplier(string organisation) =>
        new($"p-{organisation}", $"Bidder for {organisation}", organisation, null, new HashSet<Role> { Role.Supplier });
}
