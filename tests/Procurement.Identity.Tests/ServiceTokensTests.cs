using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Procurement.Identity.Tests.Support;
using Procurement.Testing;

namespace Procurement.Identity.Tests;

/// <summary>The token a service of the suite sends when it calls another: its own, with the suite_service role.</summary>
public sealed class ServiceTokensTests
{
    private static WebApplication Build(string environment, Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.AddProcurementIdentity();
        builder.AddServiceTokens("moderation");
        return builder.Build();
    }

    [Fact]
    public async Task On_the_development_key_a_service_signs_its_own_token_naming_it_with_the_suite_service_role_and_renews_it()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2022, 9, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = Build("Development", [], clock);
        var tokens = host.Services.GetRequiredService<ServiceTokens>();

        var token = await tokens.GetAsync(CancellationToken.None);
        var (caller, refusal) = await DevelopmentTokens.ValidateAsync(token, clock);
        Assert.Null(refusal);
        Assert.Equal(("service:moderation", ServiceTokens.SuiteOrganisation, null), (caller!.PersonId, caller.Organisation, caller.Commissioner));
        Assert.Equal([Role.SuiteService], caller.Roles);
        Assert.Same(token, await tokens.GetAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(8));
        var renewed = await tokens.GetAsync(CancellationToken.None);
        Assert.NotEqual(token, renewed);
        Assert.Null((await DevelopmentTokens.ValidateAsync(renewed, clock)).Refusal);
    }

    [Fact]
    public async Task With_an_authority_the_token_comes_from_its_client_credentials_grant_and_is_kept_until_it_nears_expiry()
    {
        await using var authority = new FakeAuthority();
        await authority.StartAsync();
        await using var host = Build("Production", new()
        {
            ["Identity:Authority"] = authority.Issuer, ["Identity:Audience"] = "procurement-api", ["Identity:RequireHttpsMetadata"] = "false",
            ["Identity:Client:ClientId"] = FakeAuthority.ClientId, ["Identity:Client:ClientSecret"] = FakeAuthority.ClientSecret,
        });
        var tokens = host.Services.GetRequiredService<ServiceTokens>();

        var token = await tokens.GetAsync(CancellationToken.None);
        Assert.Equal(token, await tokens.GetAsync(CancellationToken.None));
        Assert.Equal(1, authority.TokenRequests);
        var claims = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Equal(authority.Issuer, claims.Issuer);
        Assert.Equal("suite_service", claims.GetClaim(CallerClaims.Role).Value);
    }

    [Fact]
    public async Task A_refused_client_secret_is_UNAVAILABLE_saying_the_identity_provider_refused()
    {
        await using var authority = new FakeAuthority();
        await authority.StartAsync();
        await using var host = Build("Production", new()
        {
            ["Identity:Authority"] = authority.Issuer, ["Identity:Audience"] = "procurement-api", ["Identity:RequireHttpsMetadata"] = "false",
            ["Identity:Client:ClientId"] = FakeAuthority.ClientId, ["Identity:Client:ClientSecret"] = "wrong",
        });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Services.GetRequiredService<ServiceTokens>().GetAsync(CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("refused the service's client credentials (HTTP 401)", error.Status.Detail);
    }

    [Fact]
    public async Task With_an_authority_and_no_client_configured_the_service_says_what_to_configure()
    {
        await using var host = Build("Production", new()
        {
            ["Identity:Authority"] = "https://login.example.org/realms/procurement", ["Identity:Audience"] = "procurement-api",
        });
        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<ServiceTokens>());
        Assert.Contains("Identity:Client:ClientId and Identity:Client:ClientSecret", error.Message);
    }
}
