using Grpc.Core;
using Procurement.Identity.Tests.Support;
using Procurement.Testing;

namespace Procurement.Identity.Tests;

/// <summary>A development token checked on its own, with the parameters the services' JwtBearer uses.</summary>
public class DevelopmentTokenValidationTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task A_development_token_yields_its_caller()
    {
        var (caller, refusal) = await DevelopmentTokens.ValidateAsync(DevelopmentTokens.Issue(Callers.KentOfficerAndEvaluator, TimeSpan.FromMinutes(1), _clock), _clock);
        Assert.Null(refusal);
        Assert.Equal(Callers.KentOfficerAndEvaluator, caller);
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = DevelopmentTokens.Issuer,
                Audience = DevelopmentTokens.Audience,
                Claims = TestTokens.ClaimsOf(Callers.Supplier),
                SigningCredentials = TestTokens.DevelopmentKey,
            });
        var (caller, refusal) = await DevelopmentTokens.ValidateAsync(token, _clock);
        Assert.Null(caller);
        Assert.Equal(new TokenRefusal(StatusCode.Unauthenticated, "The bearer token has no expiry; tokens must expire."), refusal);
    }

    [Fact]
    public async Task Expiry_is_judged_by_the_injected_clock_not_the_machine_clock()
    {
        // Issued long ago by the manual clock: expired by the machine's clock, valid by the one given.
        var token = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock);
        Assert.NotNull((await DevelopmentTokens.ValidateAsync(token, _clock)).Caller);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var (caller, refusal) = await DevelopmentTokens.ValidateAsync(token, _clock);
        Assert.Null(caller);
        Assert.Equal("The bearer token has expired; sign in again.", refusal?.Message);
    }

    [Fact]
    public async Task A_configured_audience_replaces_the_development_one()
    {
        var forTender = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock, audience: "procurement-tender");
        var forDefault = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock);
        Assert.NotNull((await DevelopmentTokens.ValidateAsync(forTender, _clock, audience: "procurement-tender")).Caller);
        Assert.Equal("The bearer token was issued for another audience, not this service.",
            (await DevelopmentTokens.ValidateAsync(forDefault, _clock, audience: "procurement-tender")).Refusal?.Message);
    }
}
