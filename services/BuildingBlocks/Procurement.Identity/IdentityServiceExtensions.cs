using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Procurement.Grpc;

namespace Procurement.Identity;

public static class IdentityServiceExtensions
{
    /// <summary>
    /// Registers token validation from the "Identity" configuration section. Throws at start-up, saying
    /// what to configure, when the configuration would trust the public development key outside Development.
    /// Pair with <c>AddGrpcServer(o => o.AddCallerAuthentication())</c>.
    /// </summary>
    public static IHostApplicationBuilder AddProcurementIdentity(this IHostApplicationBuilder builder, Action<AccessTokenOptions>? configure = null)
    {
        var options = new AccessTokenOptions();
        builder.Configuration.GetSection(AccessTokenOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.EnsureUsableIn(builder.Environment.EnvironmentName);

        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ISigningKeySource>(_ =>
            options.UsesDevelopmentKey ? new DevelopmentKeySource() : new OpenIdConnectKeySource(options));
        builder.Services.TryAddSingleton(services => new AccessTokenValidator(
            options, services.GetRequiredService<ISigningKeySource>(),
            services.GetKeyedService<TimeProvider>(TokenClock.Key) ?? services.GetRequiredService<TimeProvider>(),
            services.GetService<Microsoft.Extensions.Logging.ILogger<AccessTokenValidator>>()));
        builder.Services.TryAddSingleton<CallerAuthenticationInterceptor>();
        return builder;
    }

    /// <summary>Adds the interceptor that authenticates every call and enforces the per-method roles; add it before other interceptors.</summary>
    public static GrpcServerOptions AddCallerAuthentication(this GrpcServerOptions options) =>
        options.AddInterceptor<CallerAuthenticationInterceptor>();
}
