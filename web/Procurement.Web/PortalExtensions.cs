using Procurement.Web.Gateway;
using Procurement.Web.Session;

namespace Procurement.Web;

public static class PortalExtensions
{
    /// <summary>The portal's services: pages, sign-in, the gateway's clients.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var options = new PortalOptions();
        builder.Configuration.GetSection(PortalOptions.SectionName).Bind(options);
        if (options.Urls is { Length: > 0 } urls) builder.WebHost.UseUrls(urls);
        // TimeProvider stays the real clock (sessions, cookies and sign-in run on real time); pages that show business
        // time take SuiteClock: the real clock too, or in Development the suite's development clock.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SuiteClock>();
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddGrpcClient<Procurement.Contracts.Dev.V1.DevelopmentClock.DevelopmentClockClient>(client => client.Address = options.GatewayAddress);
            builder.Services.AddHostedService<SuiteClockReader>();
        }
        builder.AddPortalSession(options);
        builder.Services.AddGatewayClients(options);
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Index");
            pages.Conventions.AllowAnonymousToPage("/Error");
            pages.Conventions.AllowAnonymousToFolder("/Account");
        }).AddMvcOptions(mvc => mvc.Filters.Add<CallFailures>());
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "procurement-portal-antiforgery";
            antiforgery.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The pipeline: security headers, error pages, static assets, sign-in, pages.</summary>
    public static WebApplication MapPortal(this WebApplication app)
    {
        app.Use(ServerTiming.AddAsync);
        app.Use(SecurityHeaders.AddAsync);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
