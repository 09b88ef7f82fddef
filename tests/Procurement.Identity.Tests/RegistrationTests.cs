using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Procurement.Identity.Tests;

/// <summary>AddProcurementIdentity refuses, at start-up, configurations that would trust the public development key.</summary>
public class RegistrationTests
{
    private static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        return builder;
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_development_key_is_refused_outside_Development(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Builder(environment).AddProcurementIdentity());
        Assert.Contains("development signing key", error.Message);
        Assert.Contains($"'{environment}'", error.Message);
        Assert.Contains("Identity:AllowDevelopmentKey", error.Message);
    }

    [Fact]
    public void The_development_key_is_used_in_Development()
    {
        var builder = Builder("Development");
        builder.AddProcurementIdentity();
        using var services = builder.Services.BuildServiceProvider();
        Assert.True(services.GetRequiredService<AccessTokenOptions>().UsesDevelopmentKey);
        var bearer = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal(DevelopmentTokens.Issuer, bearer.TokenValidationParameters.ValidIssuer);
        Assert.Null(bearer.Authority);
    }

    [Fact]
    public void AllowDevelopmentKey_from_configuration_permits_it_elsewhere()
    {
        var builder = Builder("Production", ("Identity:AllowDevelopmentKey", "true"));
        builder.AddProcurementIdentity();
        using var services = builder.Services.BuildServiceProvider();
        Assert.True(services.GetRequiredService<AccessTokenOptions>().AllowDevelopmentKey);
    }

    [Fact]
    public void An_authority_with_an_audience_runs_in_Production()
    {
        var builder = Builder("Production", ("Identity:Authority", "https://login.example.org/realms/procurement"), ("Identity:Audience", "procurement"));
        builder.AddProcurementIdentity();
        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<AccessTokenOptions>();
        Assert.False(options.UsesDevelopmentKey);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
    }

    [Fact]
    public void An_authority_needs_an_audience()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Builder("Production", ("Identity:Authority", "https://login.example.org/realms/procurement")).AddProcurementIdentity());
        Assert.Contains("Identity:Audience must be set", error.Message);
    }

    [Fact]
    public void An_authority_over_plain_http_is_refused_unless_said_so()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Builder("Production", ("Identity:Authority", "http://login.example.org"), ("Identity:Audience", "procurement")).AddProcurementIdentity());
        Assert.Contains("must use https", error.Message);

        Builder("Production", ("Identity:Authority", "http://login.example.org"), ("Identity:Audience", "procurement"),
            ("Identity:RequireHttpsMetadata", "false")).AddProcurementIdentity();
    }
}
