using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Procurement.Identity;

namespace Procurement.Web.Session;

/// <summary>
/// The signed-in person's token for a call to the gateway. Signed in with OpenID Connect: the access token kept in the
/// server-side session (put in the request's items when the session cookie is read). Signed in as a demo person
/// (Development only): a development token for that person, minted for each call and dated by the real clock
/// (decision 0016), as the CLI does.
/// </summary>
public sealed class AccessTokens(IHttpContextAccessor http, IWebHostEnvironment environment)
{
    public static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly object ItemKey = new();

    public string? ForCurrentPerson()
    {
        var context = http.HttpContext;
        if (context?.User.Identity?.IsAuthenticated != true) return null;
        if (context.User.HasClaim(PortalSession.SignedInWithClaim, PortalSession.DevelopmentSignIn))
            return environment.IsDevelopment()   // a development session is worth nothing elsewhere
                ? DevelopmentTokens.Issue(CallerClaims.ToCaller(context.User.Claims), DevelopmentTokenLifetime)
                : null;
        return context.Items[ItemKey] as string;
    }

    /// <summary>The cookie handler's hook: the session's access token, for this request's calls.</summary>
    internal static Task KeepForRequest(CookieValidatePrincipalContext context)
    {
        context.HttpContext.Items[ItemKey] = context.Properties.GetTokenValue("access_token");
        return Task.CompletedTask;
    }
}
