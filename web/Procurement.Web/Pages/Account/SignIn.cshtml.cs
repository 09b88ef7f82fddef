using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Identity;
using Procurement.Web.Session;

namespace Procurement.Web.Pages.Account;

/// <summary>
/// Development: "sign in as" one of the demo's people. Elsewhere this page does not exist (404) and sign-in goes to
/// the organisation's identity provider (OpenID Connect).
/// </summary>
public sealed class SignInModel(IWebHostEnvironment environment, IServiceProvider services) : PageModel
{
    public IReadOnlyList<DevelopmentPerson> People { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (!environment.IsDevelopment()) return Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() });
        if (services.GetService<DevelopmentPeople>() is not { } people) return NotFound();
        People = people.All;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? profile)
    {
        if (!environment.IsDevelopment() || services.GetService<DevelopmentPeople>() is not { } people) return NotFound();
        if (people.Find(profile) is not { } person)
        {
            ModelState.AddModelError("profile", "Select who you are signing in as");
            People = people.All;
            return Page();
        }
        var identity = CallerClaims.ToIdentity(person.Caller);
        var claims = identity.Claims.Append(new Claim(PortalSession.SignedInWithClaim, PortalSession.DevelopmentSignIn));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, CallerClaims.Name, CallerClaims.Role));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/tenders";

    public static string Describe(Caller caller)
    {
        var roles = string.Join(", ", caller.Roles.Select(r => r.ToName().Replace('_', ' ')));
        return caller.Commissioner is { } commissioner ? $"{roles}, {caller.Organisation} ({commissioner})" : $"{roles}, {caller.Organisation}";
    }
}
