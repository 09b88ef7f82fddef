using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Procurement.Identity;

/// <summary>
/// JwtBearer set up from <see cref="AccessTokenOptions"/>: the development key (where allowed) or an OpenID Connect
/// authority's metadata and keys; issuer, audience, signature and lifetime checked, lifetimes by the token clock
/// (<see cref="TokenClock"/>). A valid token becomes a <see cref="Caller"/> or is refused, saying what is wrong.
/// </summary>
internal static class BearerTokens
{
    /// <summary>What a token must satisfy; with the development key, its issuer, key and algorithm too.</summary>
    public static TokenValidationParameters Parameters(AccessTokenOptions options, TimeProvider clock)
    {
        var parameters = new TokenValidationParameters
        {
            ValidAudience = options.EffectiveAudience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew,
            LifetimeValidator = ClockLifetimeValidator.For(clock, options.ClockSkew),
            NameClaimType = CallerClaims.Name,
            RoleClaimType = CallerClaims.Role,
        };
        if (options.UsesDevelopmentKey)
        {
            parameters.ValidIssuer = DevelopmentTokens.Issuer;
            parameters.IssuerSigningKey = DevelopmentTokens.SigningKey;
            parameters.ValidAlgorithms = [DevelopmentTokens.Algorithm];
        }
        return parameters;
    }

    public static void Configure(JwtBearerOptions bearer, AccessTokenOptions options, IServiceProvider services)
    {
        var clock = services.GetKeyedService<TimeProvider>(TokenClock.Key) ?? services.GetRequiredService<TimeProvider>();
        bearer.MapInboundClaims = false;
        bearer.TimeProvider = clock;
        bearer.TokenValidationParameters = Parameters(options, clock);
        if (!options.UsesDevelopmentKey)
        {
            // Issuer and keys from the authority's discovery document, refreshed when a token names a key not yet seen.
            bearer.Authority = options.Authority;
            bearer.Audience = options.EffectiveAudience;
            bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Procurement.Identity.BearerTokens");
        bearer.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = async context =>
            {
                var refusal = TokenRefusal.From(context.Exception);
                // A token refused because the authority's metadata or keys could not be fetched is not the caller's fault.
                if (context.Options.ConfigurationManager is { } authority && refusal.Status != Grpc.Core.StatusCode.Unavailable)
                {
                    try
                    {
                        await authority.GetConfigurationAsync(context.HttpContext.RequestAborted);
                    }
                    catch (Exception unreachable) when (unreachable is not OperationCanceledException)
                    {
                        refusal = TokenRefusal.From(new InvalidOperationException("The authority's configuration is unavailable.", unreachable));
                    }
                }
                if (refusal.Status == Grpc.Core.StatusCode.Unavailable)
                    logger.LogError(context.Exception, "The signing keys of the identity provider could not be fetched.");
                else
                    logger.LogInformation("Bearer token refused: {Reason}", context.Exception.Message);
                refusal.AttachTo(context.HttpContext);
            },
            OnTokenValidated = context =>
            {
                try
                {
                    context.HttpContext.SetCaller(CallerClaims.ToCaller(context.Principal!.Claims));
                }
                catch (FormatException problem)
                {
                    TokenRefusal.BadClaims(problem).AttachTo(context.HttpContext);
                    context.Fail(problem);
                }
                return Task.CompletedTask;
            },
        };
    }
}
