using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Procurement.Identity;

public static class IdentityServiceExtensions
{
    /// <summary>
    /// Bearer tokens (JwtBearer, from the "Identity" configuration section) and authorization: every endpoint needs a
    /// valid token unless it allows anonymous callers (health); gRPC methods mapped with
    /// <see cref="DeclaredAccessConventions.RequireDeclaredAccess{TBuilder}"/> need their declared roles too; refusals of
    /// gRPC calls are gRPC statuses. Throws at start-up, saying what to configure, when the configuration would trust
    /// the public development key outside Development.
    /// </summary>
    public static IHostApplicationBuilder AddProcurementIdentity(this IHostApplicationBuilder builder, Action<AccessTokenOptions>? configure = null)
    {
        var options = new AccessTokenOptions();
        builder.Configuration.GetSection(AccessTokenOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.EnsureUsableIn(builder.Environment.EnvironmentName);

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IServiceProvider>((bearer, services) => BearerTokens.Configure(bearer, options, services));
        builder.Services.AddAuthorization(authorization => authorization.FallbackPolicy =
            new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return builder;
    }
}
