using Microsoft.IdentityModel.JsonWebTokens;
using Procurement.Identity.Tests.Support;
using Procurement.Testing;

namespace Procurement.Identity.Tests;

public class DevelopmentTokensTests
{
    [Fact]
    public void A_token_names_the_development_issuer_audience_and_the_clocks_times()
    {
        var clock = new ManualTimeProvider();
        var token = new JsonWebToken(DevelopmentTokens.Issue(Callers.KentOfficerAndEvaluator, TimeSpan.FromMinutes(10), clock));

        Assert.Equal(DevelopmentTokens.Issuer, token.Issuer);
        Assert.Equal([DevelopmentTokens.Audience], token.Audiences);
        Assert.Equal("HS256", token.Alg);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, token.ValidFrom);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddMinutes(10), token.ValidTo);
        Assert.Equal(["commissioning_officer", "evaluator"], token.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.Equal("kent", token.GetClaim("commissioner").Value);
    }

    [Fact]
    public void A_caller_without_a_commissioner_gets_no_commissioner_claim()
    {
        var token = new JsonWebToken(DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromMinutes(1)));
        Assert.False(token.TryGetClaim("commissioner", out _));
    }

    [Fact]
    public void A_lifetime_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.Zero));
    }
}
