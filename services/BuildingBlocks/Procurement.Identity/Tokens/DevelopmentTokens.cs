using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>Tokens signed with the development key: for tests and local development (a CLI "login").</summary>
public static class DevelopmentTokens
{
    /// <summary>
    /// DEVELOPMENT ONLY. This key is in source control, so anyone can sign any token with it: a service
    /// refuses to validate with it unless the environment is Development or Identity:AllowDevelopmentKey is set.
    /// </summary>
    public const string DevelopmentSigningKey = "procurement-DEVELOPMENT-ONLY-signing-key-public-never-use-in-production";

    public const string Issuer = "procurement-development";
    public const string Audience = "procurement";
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    internal static SymmetricSecurityKey SigningKey { get; } =
        new(Encoding.UTF8.GetBytes(DevelopmentSigningKey)) { KeyId = "development" };

    /// <summary>A signed token for this caller, valid from now (by <paramref name="clock"/>) for <paramref name="lifetime"/>.</summary>
    public static string Issue(Caller caller, TimeSpan lifetime, TimeProvider? clock = null, string audience = Audience)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = CallerClaims.ToTokenClaims(caller),
            SigningCredentials = new SigningCredentials(SigningKey, Algorithm),
        });
    }

    /// <summary>
    /// The caller of a development token, checked as a service checks it (signature, issuer, audience, lifetime by
    /// <paramref name="clock"/>, claims), or why it is refused: for tools that hand out such tokens and their tests.
    /// </summary>
    public static async Task<(Caller? Caller, TokenRefusal? Refusal)> ValidateAsync(string token, TimeProvider clock, string audience = Audience)
    {
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(
            token, BearerTokens.Parameters(new AccessTokenOptions { Audience = audience }, clock));
        if (!result.IsValid) return (null, TokenRefusal.From(result.Exception));
        try
        {
            return (CallerClaims.ToCaller(result.ClaimsIdentity.Claims), null);
        }
        catch (FormatException problem)
        {
            return (null, TokenRefusal.BadClaims(problem));
        }
    }
}
