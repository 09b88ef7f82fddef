using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>
/// Checks a bearer token's signature, issuer, audience and lifetime (by the injected clock) and turns
/// its claims into a <see cref="Caller"/>. The signature is checked before anything else, so a forged
/// token is never told it has merely expired.
/// </summary>
public sealed class AccessTokenValidator(
    AccessTokenOptions options, ISigningKeySource keys, TimeProvider clock, ILogger<AccessTokenValidator>? logger = null)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger _logger = logger ?? NullLogger<AccessTokenValidator>.Instance;
    private readonly LifetimeValidator _lifetime = ClockLifetimeValidator.For(clock, options.ClockSkew);
    private readonly string _audience = options.Audience is { Length: > 0 } audience ? audience : DevelopmentTokens.Audience;

    public async Task<TokenCheck> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
            return TokenCheck.Refused(TokenFailure.Missing, "This call needs a bearer token in the 'authorization' header; sign in first.");

        TokenValidationResult result;
        try
        {
            result = await ValidateSignedAsync(token, cancellationToken).ConfigureAwait(false);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await keys.TryRefreshAsync(cancellationToken).ConfigureAwait(false))
                result = await ValidateSignedAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "The signing keys of the identity provider could not be fetched.");
            return TokenCheck.Refused(TokenFailure.KeysUnavailable, "The identity provider's signing keys are unavailable; try again shortly.");
        }

        if (!result.IsValid)
        {
            _logger.LogInformation("Bearer token refused: {Reason}", result.Exception?.Message);
            return Refusal(result.Exception);
        }
        try
        {
            return TokenCheck.Accepted(CallerClaims.ToCaller(result.ClaimsIdentity.Claims));
        }
        catch (FormatException ex)
        {
            return TokenCheck.Refused(TokenFailure.BadClaims, "The bearer token does not describe a caller: " + ex.Message);
        }
    }

    private async Task<TokenValidationResult> ValidateSignedAsync(string token, CancellationToken cancellationToken)
    {
        var trusted = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = trusted.Issuer,
            ValidAudience = _audience,
            IssuerSigningKeys = trusted.Keys,
            ValidAlgorithms = trusted.Algorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew,
            LifetimeValidator = _lifetime,
            NameClaimType = CallerClaims.Name,
            RoleClaimType = CallerClaims.Role,
        }).ConfigureAwait(false);
    }

    private static TokenCheck Refusal(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenCheck.Refused(TokenFailure.Expired, "The bearer token has expired; sign in again."),
        SecurityTokenNotYetValidException => TokenCheck.Refused(TokenFailure.NotYetValid, "The bearer token is not valid yet; check the clocks of the issuer and this service."),
        SecurityTokenNoExpirationException => TokenCheck.Refused(TokenFailure.Malformed, "The bearer token has no expiry; tokens must expire."),
        SecurityTokenInvalidIssuerException => TokenCheck.Refused(TokenFailure.WrongIssuer, "The bearer token was not issued by the identity provider this service trusts."),
        SecurityTokenInvalidAudienceException => TokenCheck.Refused(TokenFailure.WrongAudience, "The bearer token was issued for another audience, not this service."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException or SecurityTokenInvalidAlgorithmException =>
            TokenCheck.Refused(TokenFailure.BadSignature, "The bearer token's signature is not valid."),
        _ => TokenCheck.Refused(TokenFailure.Malformed, "The bearer token is malformed or not valid."),
    };
}
