using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Procurement.Web.Session;

/// <summary>
/// Sign-in: a cookie session kept on the server (<see cref="ServerSideTickets"/>), ended after the idle timeout; people
/// sign in with OpenID Connect (Portal:OpenId), or in Development with "sign in as" (Pages/Account/SignIn).
/// </summary>
public static class PortalSession
{
    public const string CookieName = "procurement-portal";

    /// <summary>Marks how a session was signed in, so that a development session is never honoured outside Development.</summary>
    public const string SignedInWithClaim = "portal_signed_in_with";
    public const string DevelopmentSignIn = "development";
    public const string OpenIdSignIn = "openid";

    public static WebApplicationBuilder AddPortalSession(this WebApplicationBuilder builder, PortalOptions options)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ServerSideTickets>();
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseServerSideTickets>();
        builder.Services.AddScoped<AccessTokens>();
        builder.Services.AddHttpContextAccessor();

        var openId = options.OpenId.Authority is { Length: > 0 };
        if (!openId && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException("Set Portal:OpenId:Authority and Portal:OpenId:ClientId: outside Development people sign in with OpenID Connect.");

        var authentication = builder.Services.AddAuthentication(auth =>
        {
            auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            auth.DefaultChallengeScheme = openId ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Plain HTTP only on a developer's machine; everywhere else the cookie needs HTTPS.
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = options.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/error/403";
            cookie.Events.OnValidatePrincipal = AccessTokens.KeepForRequest;
        });
        if (openId)
        {
            authentication.AddOpenIdConnect(oidc =>
            {
                oidc.Authority = options.OpenId.Authority;
                oidc.ClientId = options.OpenId.ClientId;
                oidc.ClientSecret = options.OpenId.ClientSecret;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SaveTokens = true;   // into the server-side session, never the browser
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.TokenValidationParameters.NameClaimType = Procurement.Identity.CallerClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = Procurement.Identity.CallerClaims.Role;
                oidc.Events.OnTokenValidated = context =>
                {
                    (context.Principal?.Identity as System.Security.Claims.ClaimsIdentity)?.AddClaim(new(SignedInWithClaim, OpenIdSignIn));
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorization();

        if (builder.Environment.IsDevelopment() && options.DevelopmentPeople is { Length: > 0 } people)
            builder.Services.AddSingleton(DevelopmentPeople.Load(Path.Combine(builder.Environment.ContentRootPath, people)));
        return builder;
    }
}
