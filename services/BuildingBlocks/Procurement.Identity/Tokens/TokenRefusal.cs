using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>
/// Why a bearer token was not accepted, as the status and message a caller gets: kept on the HttpContext by the
/// JwtBearer events, and written by <see cref="GrpcAuthorizationResultHandler"/> when the call is refused.
/// </summary>
public sealed record TokenRefusal(StatusCode Status, string Message)
{
    private static readonly object Key = new();

    public static TokenRefusal Missing { get; } =
        new(StatusCode.Unauthenticated, "This call needs a bearer token in the 'authorization' header; sign in first.");

    public static TokenRefusal? Find(HttpContext context) =>
        context.Items.TryGetValue(Key, out var refusal) ? refusal as TokenRefusal : null;

    internal void AttachTo(HttpContext context) => context.Items[Key] = this;

    /// <summary>What a token validation failure means for the caller. The signature is checked before the lifetime, so a forged token is never told it merely expired.</summary>
    public static TokenRefusal From(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => Unauthenticated("The bearer token has expired; sign in again."),
        SecurityTokenNotYetValidException => Unauthenticated("The bearer token is not valid yet; check the clocks of the issuer and this service."),
        SecurityTokenNoExpirationException => Unauthenticated("The bearer token has no expiry; tokens must expire."),
        SecurityTokenInvalidIssuerException => Unauthenticated("The bearer token was not issued by the identity provider this service trusts."),
        SecurityTokenInvalidAudienceException => Unauthenticated("The bearer token was issued for another audience, not this service."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException =>
            Unauthenticated("The bearer token's signature is not valid."),
        // The handler could not fetch the authority's metadata or keys: nothing is wrong with the token itself.
        InvalidOperationException or HttpRequestException =>
            new(StatusCode.Unavailable, "The identity provider's signing keys are unavailable; try again shortly."),
        _ => Unauthenticated("The bearer token is malformed or not valid."),
    };

    public static TokenRefusal BadClaims(FormatException problem) =>
        Unauthenticated("The bearer token does not describe a caller: " + problem.Message);

    private static TokenRefusal Unauthenticated(string message) => new(StatusCode.Unauthenticated, message);
}
