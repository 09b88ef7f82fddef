namespace Procurement.Identity;

/// <summary>
/// Endpoint metadata: the caller must hold at least one of <see cref="AnyOf"/>. Several of these on one
/// method (say one for the whole service and one for the method) must all be met.
/// </summary>
public sealed record RequiredRoles(IReadOnlyList<Role> AnyOf)
{
    public bool IsMetBy(Caller caller) => caller.HasAnyRole(AnyOf);

    public string Describe() => AnyOf.Count == 1
        ? "the role " + AnyOf[0].ToName()
        : "one of the roles " + string.Join(", ", AnyOf.Select(r => r.ToName()));
}
