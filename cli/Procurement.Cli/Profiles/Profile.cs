using Microsoft.IdentityModel.JsonWebTokens;
using Procurement.Identity;

namespace Procurement.Cli.Profiles;

/// <summary>
/// A named identity. A development profile holds the person (its claims) and the CLI signs a fresh token with the
/// PUBLIC development key for every call; a token profile holds a token issued elsewhere, used as it is.
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }
    /// <summary>"development" or "token".</summary>
    public required string Kind { get; init; }
    public string? Token { get; init; }
    public string? PersonId { get; init; }
    public string? PersonName { get; init; }
    public string? Organisation { get; init; }
    public string? Commissioner { get; init; }
    public List<string> Roles { get; init; } = [];

    public const string DevelopmentKind = "development";
    public const string TokenKind = "token";

    public bool IsDevelopment => Kind == DevelopmentKind;

    public static Profile Development(string name, Caller caller) => new()
    {
        Name = name, Kind = DevelopmentKind, PersonId = caller.PersonId, PersonName = caller.Name, Organisation = caller.Organisation,
        Commissioner = caller.Commissioner, Roles = [.. caller.Roles.Select(r => r.ToName()).Order(StringComparer.Ordinal)],
    };

    /// <summary>A profile for a token issued elsewhere; who it is comes from its (unverified) claims, for display only.</summary>
    public static Profile FromToken(string name, string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException ex)   // SecurityTokenMalformedException is one
        {
            throw CliException.Usage($"--token is not a JWT: {ex.Message}");
        }
        string? Claim(string type) => jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
        var roles = jwt.Claims.Where(c => c.Type == CallerClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return new Profile
        {
            Name = name, Kind = TokenKind, Token = token, PersonId = Claim(CallerClaims.PersonId), PersonName = Claim(CallerClaims.Name),
            Organisation = Claim(CallerClaims.Organisation), Commissioner = Claim(CallerClaims.Commissioner), Roles = roles,
        };
    }

    /// <summary>When a token profile's token expires (from its exp claim), if it says.</summary>
    public DateTimeOffset? TokenExpires =>
        Token is null ? null : new JsonWebToken(Token) is { ValidTo: var to } && to > DateTime.MinValue ? new DateTimeOffset(to, TimeSpan.Zero) : null;

    public Caller ToCaller() => new(
        PersonId ?? "", PersonName ?? "", Organisation ?? "", Commissioner,
        Roles.Select(RoleNames.Parse).ToHashSet());

    public string Describe() =>
        $"{PersonName ?? "?"} ({PersonId ?? "?"}, {Organisation ?? "?"}{(Commissioner is null ? "" : $", for {Commissioner}")}) as {string.Join(", ", Roles)}";
}
