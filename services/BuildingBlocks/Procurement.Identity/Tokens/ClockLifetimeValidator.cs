using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>
/// Lifetime validation by an injected clock. Microsoft.IdentityModel 8.16 keeps its own TimeProvider
/// hook internal, so without this tests could only check expiry by waiting.
/// </summary>
internal static class ClockLifetimeValidator
{
    public static LifetimeValidator For(TimeProvider clock, TimeSpan skew) => (notBefore, expires, _, _) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null)
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } from && from.ToUniversalTime() > now + skew)
            throw new SecurityTokenNotYetValidException($"The token is valid from {from:O}; it is now {now:O}.") { NotBefore = from };
        if (expires.Value.ToUniversalTime() < now - skew)
            throw new SecurityTokenExpiredException($"The token expired at {expires:O}; it is now {now:O}.") { Expires = expires.Value };
        return true;
    };
}
