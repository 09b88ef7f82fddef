using System.Security.Claims;
using Procurement.Identity.Tests.Support;

namespace Procurement.Identity.Tests;

public class CallerClaimsTests
{
    private static List<Claim> ClaimsOf(Caller caller) => CallerClaims.ToIdentity(caller).Claims.ToList();

    [Fact]
    public void Claims_round_trip_to_the_same_caller()
    {
        Assert.Equal(Callers.KentOfficerAndEvaluator, CallerClaims.ToCaller(ClaimsOf(Callers.KentOfficerAndEvaluator)));
        Assert.Equal(Callers.Supplier, CallerClaims.ToCaller(ClaimsOf(Callers.Supplier)));
    }

    [Theory]
    [InlineData("sub")]
    [InlineData("name")]
    [InlineData("org")]
    public void A_missing_identity_claim_is_named(string type)
    {
        var claims = ClaimsOf(Callers.Supplier).Where(c => c.Type != type);
        var error = Assert.Throws<FormatException>(() => CallerClaims.ToCaller(claims));
        Assert.Contains($"no '{type}' claim", error.Message);
    }

    [Theory]
    [InlineData("org", 201, "is longer than 200 characters")]
    [InlineData("sub", 10, "contains a control character")]
    public void An_oversized_or_control_character_claim_is_refused_naming_it(string type, int length, string expected)
    {
        var value = expected.StartsWith("contains", StringComparison.Ordinal) ? "p\0x" + new string('a', length) : new string('a', length);
        var claims = ClaimsOf(Callers.Supplier).Where(c => c.Type != type).Append(new Claim(type, value));
        var error = Assert.Throws<FormatException>(() => CallerClaims.ToCaller(claims));
        Assert.Equal($"The token's '{type}' claim {expected}.", error.Message);
    }

    [Fact]
    public void A_caller_needs_at_least_one_role()
    {
        var claims = ClaimsOf(Callers.Supplier).Where(c => c.Type != "role");
        Assert.Contains("no 'role' claim", Assert.Throws<FormatException>(() => CallerClaims.ToCaller(claims)).Message);
    }

    [Fact]
    public void One_unknown_role_among_known_ones_rejects_the_claims()
    {
        var claims = ClaimsOf(Callers.Supplier).Append(new Claim("role", "auditor"));
        Assert.Contains("'auditor' is not a role", Assert.Throws<FormatException>(() => CallerClaims.ToCaller(claims)).Message);
    }

    [Fact]
    public void Two_commissioners_are_ambiguous_and_rejected()
    {
        var claims = ClaimsOf(Callers.KentFinanceOfficer).Append(new Claim("commissioner", "essex"));
        Assert.Contains("2 'commissioner' claims", Assert.Throws<FormatException>(() => CallerClaims.ToCaller(claims)).Message);
    }

    [Fact]
    public void The_identity_answers_IsInRole_with_token_role_names()
    {
        var user = new ClaimsPrincipal(CallerClaims.ToIdentity(Callers.KentFinanceOfficer));
        Assert.True(user.IsInRole("finance_officer"));
        Assert.False(user.IsInRole("commissioner"));
        Assert.Equal("Fay Finance", user.Identity!.Name);
        Assert.True(user.Identity.IsAuthenticated);
    }
}
