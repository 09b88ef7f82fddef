namespace Procurement.Identity;

/// <summary>
/// The person behind a call, as their validated token describes them. Services use the helpers for
/// the checks the data needs (a supplier's own bids, a commissioner's own lots) on top of the
/// per-method roles the interceptor enforces.
/// </summary>
/// <param name="PersonId">The token's <c>sub</c>.</param>
/// <param name="Organisation">The token's <c>org</c>, e.g. "7f-commercial", "kent-police".</param>
/// <param name="Commissioner">The commissioner the person acts for ("kent", "essex"), if any.</param>
public sealed record Caller(string PersonId, string Name, string Organisation, string? Commissioner, IReadOnlySet<Role> Roles)
{
    public bool HasRole(Role role) => Roles.Contains(role);

    public bool HasAnyRole(params IEnumerable<Role> roles) => roles.Any(Roles.Contains);

    /// <summary>Whether the caller is a supplier speaking for this organisation (e.g. the bidder of a bid).</summary>
    public bool IsSupplierOf(string organisation) =>
        HasRole(Role.Supplier) && string.Equals(Organisation, organisation, StringComparison.Ordinal);

    /// <summary>Whether the caller acts for this commissioner; people of one commissioner never see another's evaluation or decisions.</summary>
    public bool ActsFor(string commissioner) =>
        Commissioner is not null && string.Equals(Commissioner, commissioner, StringComparison.Ordinal);

    // Records compare sets by reference; callers are equal when what they say is equal.
    public bool Equals(Caller? other) =>
        other is not null && PersonId == other.PersonId && Name == other.Name && Organisation == other.Organisation
        && Commissioner == other.Commissioner && Roles.SetEquals(other.Roles);

    public override int GetHashCode() => HashCode.Combine(PersonId, Name, Organisation, Commissioner, Roles.Count);
}
