using System.Security.Claims;

namespace Procurement.Identity;

/// <summary>The claim names of the suite's tokens, and the mapping between claims and a <see cref="Caller"/>.</summary>
public static class CallerClaims
{
    public const string PersonId = "sub";
    public const string Name = "name";
    public const string Organisation = "org";
    public const string Commissioner = "commissioner";
    public const string Role = "role";

    /// <summary>
    /// The caller the claims describe. Throws <see cref="FormatException"/> naming what is wrong: a
    /// missing <c>sub</c>, <c>name</c> or <c>org</c>, no role, or a role outside the closed set. An
    /// unknown role fails the whole token rather than being dropped, so a misspelt role mapping at the
    /// identity provider shows up as such, not as a puzzling PERMISSION_DENIED later.
    /// </summary>
    public static Caller ToCaller(IEnumerable<Claim> claims)
    {
        var list = claims as IReadOnlyCollection<Claim> ?? claims.ToList();
        var roleNames = list.Where(c => c.Type == Role).Select(c => c.Value).ToList();
        if (roleNames.Count == 0)
            throw new FormatException("The token carries no 'role' claim; a caller needs at least one role.");
        return new Caller(
            Required(list, PersonId),
            Required(list, Name),
            Required(list, Organisation),
            Optional(list, Commissioner),
            roleNames.Select(RoleNames.Parse).ToHashSet());
    }

    /// <summary>The claims of a token describing this caller (one <c>role</c> claim per role).</summary>
    public static IDictionary<string, object> ToTokenClaims(Caller caller)
    {
        var claims = new Dictionary<string, object>
        {
            [PersonId] = caller.PersonId,
            [Name] = caller.Name,
            [Organisation] = caller.Organisation,
            [Role] = caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal).ToArray(),
        };
        if (caller.Commissioner is not null) claims[Commissioner] = caller.Commissioner;
        return claims;
    }

    /// <summary>The caller as a claims identity (for HttpContext.User): <c>IsInRole("supplier")</c> works on it.</summary>
    public static ClaimsIdentity ToIdentity(Caller caller)
    {
        var claims = new List<Claim> { new(PersonId, caller.PersonId), new(Name, caller.Name), new(Organisation, caller.Organisation) };
        if (caller.Commissioner is not null) claims.Add(new Claim(Commissioner, caller.Commissioner));
        claims.AddRange(caller.Roles.Select(r => new Claim(Role, r.ToName())));
        return new ClaimsIdentity(claims, authenticationType: "Bearer", nameType: Name, roleType: Role);
    }

    private static string Required(IReadOnlyCollection<Claim> claims, string type) =>
        Optional(claims, type) ?? throw new FormatException($"The token has no '{type}' claim.");

    /// <summary>The most characters a claim the suite reads may hold (the columns that record who did what hold 200).</summary>
    public const int MaxClaimLength = 200;

    private static string? Optional(IReadOnlyCollection<Claim> claims, string type)
    {
        var values = claims.Where(c => c.Type == type).Select(c => c.Value).ToList();
        return values.Count switch
        {
            0 => null,
            1 when string.IsNullOrWhiteSpace(values[0]) => throw new FormatException($"The token's '{type}' claim is empty."),
            1 when values[0].Length > MaxClaimLength => throw new FormatException($"The token's '{type}' claim is longer than {MaxClaimLength} characters."),
            1 when values[0].Any(char.IsControl) => throw new FormatException($"The token's '{type}' claim contains a control character."),
            1 => values[0],
            _ => throw new FormatException($"The token has {values.Count} '{type}' claims; one is expected."),
        };
    }
}
