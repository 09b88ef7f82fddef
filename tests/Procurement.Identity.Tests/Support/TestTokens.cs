using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity.Tests.Support;

/// <summary>Tokens <see cref="DevelopmentTokens"/> would never issue: other keys, issuers, audiences, odd claims.</summary>
internal static class TestTokens
{
    public static SigningCredentials DevelopmentKey { get; } =
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentTokens.DevelopmentSigningKey)), SecurityAlgorithms.HmacSha256);

    public static SigningCredentials SomeOtherKey { get; } =
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("not-the-development-key-but-just-as-long-0123456789-abcdefghijkl")), SecurityAlgorithms.HmacSha256);

    public static string Sign(
        IDictionary<string, object> claims,
        DateTimeOffset now,
        TimeSpan? lifetime = null,
        SigningCredentials? key = null,
        string issuer = DevelopmentTokens.Issuer,
        string audience = DevelopmentTokens.Audience)
    {
        var issuedAt = now.UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = claims,
            SigningCredentials = key ?? DevelopmentKey,
        });
    }

    /// <summary>The claims of a well-formed token, to alter one at a time.</summary>
    public static Dictionary<string, object> ClaimsOf(Caller caller) => new(CallerClaims.ToTokenClaims(caller));
}
