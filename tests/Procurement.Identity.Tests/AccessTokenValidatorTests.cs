using Procurement.Identity.Tests.Support;
using Procurement.Testing;

namespace Procurement.Identity.Tests;

/// <summary>The validator on its own: the failure kinds the interceptor turns into status codes.</summary>
public class AccessTokenValidatorTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly AccessTokenValidator _validator;

    public AccessTokenValidatorTests() =>
        _validator = new AccessTokenValidator(new AccessTokenOptions { AllowDevelopmentKey = true }, new DevelopmentKeySource(), _clock);

    private Task<TokenCheck> Check(string? token) => _validator.ValidateAsync(token);

    [Fact]
    public async Task A_development_token_yields_its_caller()
    {
        var check = await Check(DevelopmentTokens.Issue(Callers.KentOfficerAndEvaluator, TimeSpan.FromMinutes(1), _clock));
        Assert.Null(check.Failure);
        Assert.Equal(Callers.KentOfficerAndEvaluator, check.Caller);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task No_token_is_missing(string? token) => Assert.Equal(TokenFailure.Missing, (await Check(token)).Failure);

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
        var check = await Check(token);
        Assert.Equal(TokenFailure.Malformed, check.Failure);
        Assert.Equal("The bearer token has no expiry; tokens must expire.", check.Message);
    }

    [Fact]
    public async Task Expiry_is_judged_by_the_injected_clock_not_the_machine_clock()
    {
        // Issued in 2023 by the manual clock: long expired by the machine's clock, valid by the validator's.
        var token = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock);
        Assert.NotNull((await Check(token)).Caller);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var check = await Check(token);
        Assert.Equal(TokenFailure.Expired, check.Failure);
        Assert.Null(check.Caller);
    }

    [Fact]
    public async Task A_configured_audience_replaces_the_development_one()
    {
        var validator = new AccessTokenValidator(new AccessTokenOptions { Audience = "procurement-tender" }, new DevelopmentKeySource(), _clock);
        var forTender = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock, audience: "procurement-tender");
        var forDefault = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1), _clock);
        Assert.NotNull((await validator.ValidateAsync(forTender)).Caller);
        Assert.Equal(TokenFailure.WrongAudience, (await validator.ValidateAsync(forDefault)).Failure);
    }
}
