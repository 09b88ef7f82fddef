using Grpc.Core;
using Procurement.Identity.Tests.Protos;
using Procurement.Identity.Tests.Support;
using static Procurement.Identity.Tests.Support.ProbeServer;

namespace Procurement.Identity.Tests;

/// <summary>Production mode: issuer and keys from an OpenID Connect authority's metadata; the development key is not trusted.</summary>
public sealed class AuthorityProbeServer : ProbeServer
{
    public const string Audience = "procurement-api";
    public FakeAuthority Authority { get; } = new();

    public override async Task InitializeAsync()
    {
        await Authority.StartAsync();
        Settings.Clear();
        Settings["Identity:Authority"] = Authority.Issuer;
        Settings["Identity:Audience"] = Audience;
        Settings["Identity:RequireHttpsMetadata"] = "false";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

public class AuthorityTests(AuthorityProbeServer server) : IClassFixture<AuthorityProbeServer>
{
    private async Task<RpcException> Refused(string token) =>
        await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(token)));

    [Fact]
    public async Task A_token_signed_by_the_authority_is_accepted()
    {
        var token = server.Authority.Issue(Callers.KentChiefExecutive, server.Clock.GetUtcNow(), AuthorityProbeServer.Audience);
        var seen = await server.Probe.SignRecordOfDecisionAsync(new ProbeRequest(), Bearer(token));
        Assert.Equal("p-cai", seen.PersonId);
        Assert.Equal("kent", seen.Commissioner);
    }

    [Fact]
    public async Task A_development_token_is_not_trusted_in_authority_mode()
    {
        var error = await Refused(DevelopmentTokens.Issue(Callers.KentChiefExecutive, TimeSpan.FromHours(1), server.Clock, AuthorityProbeServer.Audience));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_symmetric_token_keyed_with_the_authoritys_public_key_is_refused()
    {
        // The classic algorithm confusion: HS256 "signed" with the public RSA modulus. Only asymmetric algorithms are allowed here.
        var publicBytes = ((Microsoft.IdentityModel.Tokens.RsaSecurityKey)server.Authority.Key.Key).Rsa.ExportSubjectPublicKeyInfo();
        var confused = new Microsoft.IdentityModel.Tokens.SigningCredentials(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(publicBytes) { KeyId = "authority-key-1" }, "HS256");
        var error = await Refused(server.Authority.Issue(Callers.EssexCommissioner, server.Clock.GetUtcNow(), AuthorityProbeServer.Audience, key: confused));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("The bearer token's signature is not valid.", error.Status.Detail);
    }

    [Fact]
    public async Task The_issuer_comes_from_the_authority_metadata()
    {
        var error = await Refused(server.Authority.Issue(Callers.Supplier, server.Clock.GetUtcNow(), AuthorityProbeServer.Audience, issuer: "https://impostor.example"));
        Assert.Equal("The bearer token was not issued by the identity provider this service trusts.", error.Status.Detail);
    }

    [Fact]
    public async Task The_configured_audience_is_required()
    {
        var error = await Refused(server.Authority.Issue(Callers.Supplier, server.Clock.GetUtcNow(), DevelopmentTokens.Audience));
        Assert.Equal("The bearer token was issued for another audience, not this service.", error.Status.Detail);
    }
}

/// <summary>An authority nobody answers at: the service can't check any token.</summary>
public sealed class UnreachableAuthorityProbeServer : ProbeServer
{
    public override Task InitializeAsync()
    {
        Settings.Clear();
        Settings["Identity:Authority"] = "http://127.0.0.1:1";   // nothing listens on port 1
        Settings["Identity:Audience"] = "procurement-api";
        Settings["Identity:RequireHttpsMetadata"] = "false";
        return base.InitializeAsync();
    }
}

public class UnreachableAuthorityTests(UnreachableAuthorityProbeServer server) : IClassFixture<UnreachableAuthorityProbeServer>
{
    [Fact]
    public async Task Unavailable_keys_are_UNAVAILABLE_not_the_callers_fault()
    {
        var token = DevelopmentTokens.Issue(Callers.Supplier, TimeSpan.FromHours(1), server.Clock, "procurement-api");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Probe.WhoAmIAsync(new ProbeRequest(), Bearer(token)));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("The identity provider's signing keys are unavailable; try again shortly.", error.Status.Detail);
    }
}
