using System.Collections.Frozen;

namespace Procurement.Identity;

/// <summary>The names roles carry in tokens ("procurement_officer"), and strict parsing of them.</summary>
public static class RoleNames
{
    private static readonly FrozenDictionary<Role, string> NameOf = new Dictionary<Role, string>
    {
        [Role.ProcurementOfficer] = "procurement_officer",
        [Role.Supplier] = "supplier",
        [Role.CommissioningOfficer] = "commissioning_officer",
        [Role.Evaluator] = "evaluator",
        [Role.FinanceOfficer] = "finance_officer",
        [Role.ChiefExecutive] = "chief_executive",
        [Role.Commissioner] = "commissioner",
        [Role.SuiteService] = "suite_service",
    }.ToFrozenDictionary();

    // Ordinal, case-sensitive: a token saying "Supplier" is a misconfigured identity provider, not a supplier.
    private static readonly FrozenDictionary<string, Role> RoleOf =
        NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => RoleOf.Keys;

    public static string ToName(this Role role) =>
        NameOf.TryGetValue(role, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role.");

    public static bool TryParse(string? name, out Role role) => RoleOf.TryGetValue(name ?? "", out role);

    /// <summary>The role a token names; an unknown name is an error that lists the known ones.</summary>
    public static Role Parse(string name) =>
        TryParse(name, out var role)
            ? role
            : throw new FormatException($"'{name}' is not a role; the roles are {string.Join(", ", NameOf.Values)}.");
}
