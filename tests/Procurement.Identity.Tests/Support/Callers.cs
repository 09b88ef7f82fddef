namespace Procurement.Identity.Tests.Support;

/// <summary>People from DOMAIN.md's case: 7F Commercial runs the tender for Kent and Essex.</summary>
internal static class Callers
{
    public static Caller ProcurementOfficer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    public static Caller Supplier { get; } = new("p-sam", "Sam Supplier", "victim-support", null, new HashSet<Role> { Role.Supplier });

    public static Caller KentFinanceOfficer { get; } = new("p-fay", "Fay Finance", "kent-opcc", "kent", new HashSet<Role> { Role.FinanceOfficer });

    public static Caller KentChiefExecutive { get; } = new("p-cai", "Cai Chief", "kent-opcc", "kent", new HashSet<Role> { Role.ChiefExecutive });

    public static Caller EssexCommissioner { get; } = new("p-eve", "Eve Essex", "essex-pfcc", "essex", new HashSet<Role> { Role.Commissioner });

    /// <summary>Someone holding two roles at once.</summary>
    public static Caller KentOfficerAndEvaluator { get; } =
        new("p-kim", "Kim Kent", "kent-police", "kent", new HashSet<Role> { Role.CommissioningOfficer, Role.Evaluator });
}
