using Procurement.Testing;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Grpc.Core;
using Procurement.Identity.Tests.Protos;
using Procurement.Identity.Tests.Support;
using static Procurement.Identity.Tests.Support.ProbeServer;

namespace Procurement.Identity.Tests;

/// <summary>Bearer tokens against a real server: who gets in, and what those kept out are told.</summary>
public class AuthenticationTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private async Task<RpcException> Refused(string? token)
    {
        var options = token is null ? ProbeServer.Anonymous : Bearer(token);
        return await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.WhoAmIAsync(new ProbeRequest(), options));
    }

    private static void AssertUnauthenticated(RpcException error, string message)
    {
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(message, error.Status.Detail);
    }

    [Fact]
    public async Task A_valid_token_gives_the_handler_the_caller_with_every_claim()
    {
        var seen = await server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(server.TokenFor(Callers.KentFinanceOfficer)));

        Assert.True(seen.Present);
        Assert.Equal("p-fay", seen.PersonId);
        Assert.Equal("Fay Finance", seen.Name);
        Assert.Equal("kent-opcc", seen.Organisation);
        Assert.Equal("kent", seen.Commissioner);
        Assert.Equal(["finance_officer"], seen.Roles);
        Assert.True(seen.UserInRoles);
    }

    [Fact]
    public async Task Several_roles_all_reach_the_handler()
    {
        var seen = await server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(server.TokenFor(Callers.KentOfficerAndEvaluator)));
        Assert.Equal(["commissioning_officer", "evaluator"], seen.Roles);
        Assert.True(seen.UserInRoles);
    }

    [Fact]
    public async Task A_single_role_given_as_a_string_rather_than_an_array_is_read()
    {
        var claims = TestTokens.ClaimsOf(Callers.Supplier);
        claims["role"] = "supplier";
        var seen = await server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(TestTokens.Sign(claims, server.Clock.GetUtcNow())));
        Assert.Equal(["supplier"], seen.Roles);
        Assert.Equal("", seen.Commissioner);
    }

    [Fact]
    public void The_tests_clients_refuse_a_call_without_a_deadline_before_sending_it()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => server.Probe.WhoAmIAsync(new ProbeRequest()));
        Assert.Contains("procurement.identitytest.v1.IdentityProbe/WhoAmI was called without a deadline", refused.Message);
    }

    [Fact]
    public async Task No_token_is_unauthenticated() =>
        AssertUnauthenticated(await Refused(null), "This call needs a bearer token in the 'authorization' header; sign in first.");

    [Fact]
    public async Task Another_authorization_scheme_is_unauthenticated()
    {
        var options = ProbeServer.WithHeader("Basic b2xhOnNlY3JldA==");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.WhoAmIAsync(new ProbeRequest(), options));
        AssertUnauthenticated(error, "This call needs a bearer token in the 'authorization' header; sign in first.");
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        var options = ProbeServer.WithHeader("bearer " + server.TokenFor(Callers.Supplier));
        Assert.Equal("p-sam", (await server.Probe.WhoAmIAsync(new ProbeRequest(), options)).PersonId);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthenticated()
    {
        var token = TestTokens.Sign(TestTokens.ClaimsOf(Callers.ProcurementOfficer), server.Clock.GetUtcNow(), key: TestTokens.SomeOtherKey);
        AssertUnauthenticated(await Refused(token), "The bearer token's signature is not valid.");
    }

    [Fact]
    public async Task A_tampered_token_is_unauthenticated()
    {
        // Same header and signature, payload swapped for one that claims the commissioner role.
        var genuine = server.TokenFor(Callers.Supplier).Split('.');
        var forged = server.TokenFor(Callers.EssexCommissioner).Split('.');
        AssertUnauthenticated(await Refused($"{genuine[0]}.{forged[1]}.{genuine[2]}"), "The bearer token's signature is not valid.");
    }

    [Fact]
    public async Task An_unsigned_token_is_unauthenticated()
    {
        var unsigned = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            Expires = server.Clock.GetUtcNow().UtcDateTime.AddHours(1),
            NotBefore = server.Clock.GetUtcNow().UtcDateTime,
            IssuedAt = server.Clock.GetUtcNow().UtcDateTime,
            Claims = TestTokens.ClaimsOf(Callers.EssexCommissioner),
        });
        Assert.Equal(StatusCode.Unauthenticated, (await Refused(unsigned)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_unauthenticated_and_says_so()
    {
        var issuedTwoHoursAgo = server.Clock.GetUtcNow().AddHours(-2);
        var token = TestTokens.Sign(TestTokens.ClaimsOf(Callers.ProcurementOfficer), issuedTwoHoursAgo, TimeSpan.FromHours(1));
        AssertUnauthenticated(await Refused(token), "The bearer token has expired; sign in again.");
    }

    [Fact]
    public async Task An_expired_token_with_a_bad_signature_is_told_about_the_signature_not_the_expiry()
    {
        var token = TestTokens.Sign(TestTokens.ClaimsOf(Callers.ProcurementOfficer), server.Clock.GetUtcNow().AddHours(-2), key: TestTokens.SomeOtherKey);
        AssertUnauthenticated(await Refused(token), "The bearer token's signature is not valid.");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthenticated()
    {
        var token = TestTokens.Sign(TestTokens.ClaimsOf(Callers.Supplier), server.Clock.GetUtcNow(), audience: "payroll");
        AssertUnauthenticated(await Refused(token), "The bearer token was issued for another audience, not this service.");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_unauthenticated()
    {
        var token = TestTokens.Sign(TestTokens.ClaimsOf(Callers.Supplier), server.Clock.GetUtcNow(), issuer: "https://elsewhere.example");
        AssertUnauthenticated(await Refused(token), "The bearer token was not issued by the identity provider this service trusts.");
    }

    [Fact]
    public async Task A_token_with_an_unknown_role_is_unauthenticated_naming_the_role()
    {
        var claims = TestTokens.ClaimsOf(Callers.Supplier);
        claims["role"] = new[] { "supplier", "auditor" };
        var error = await Refused(TestTokens.Sign(claims, server.Clock.GetUtcNow()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.StartsWith("The bearer token does not describe a caller: 'auditor' is not a role; the roles are procurement_officer, supplier,", error.Status.Detail);
    }

    [Fact]
    public async Task A_token_without_an_organisation_is_unauthenticated()
    {
        var claims = TestTokens.ClaimsOf(Callers.Supplier);
        claims.Remove("org");
        AssertUnauthenticated(await Refused(TestTokens.Sign(claims, server.Clock.GetUtcNow())),
            "The bearer token does not describe a caller: The token has no 'org' claim.");
    }

    [Fact]
    public async Task Garbage_is_unauthenticated()
    {
        AssertUnauthenticated(await Refused("not-a-jwt"), "The bearer token is malformed or not valid.");
    }

    [Fact]
    public async Task An_anonymous_service_runs_without_a_token_and_without_a_caller()
    {
        var seen = await server.Open.HelloAsync(new ProbeRequest(), ProbeServer.Anonymous);
        Assert.False(seen.Present);
    }

    [Fact]
    public async Task Health_answers_without_a_token_so_probes_work()
    {
        var health = await new Health.HealthClient(server.Channel.WithDeadlinesRequired()).CheckAsync(new HealthCheckRequest(), ProbeServer.Anonymous);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Reflection_needs_a_token()
    {
        using var call = new ServerReflection.ServerReflectionClient(server.Channel.WithDeadlinesRequired()).ServerReflectionInfo(ProbeServer.Anonymous);
        // Refused before the first request is read, so read without writing: a write racing the server's
        // Trailers-Only answer can surface as ObjectDisposedException from the runtime's client (reported).
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
