using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Procurement.Web.Pages;

/// <summary>The error pages (status code pages and the exception handler re-execute here).</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Advice { get; private set; } = [];

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Only reached as an error page: a request for /error/404 itself is answered 404 too.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        (Heading, Advice) = Response.StatusCode switch
        {
            403 => ("You cannot see this page", (IReadOnlyList<string>)["Your role does not include this part of the service. If you think it should, ask your organisation's administrator."]),
            404 => ("Page not found", ["If you typed the web address, check it is correct.", "If you pasted the web address, check you copied the entire address."]),
            503 => ("Sorry, the service is unavailable", ["Part of the service is not answering at the moment. Try again in a few minutes."]),
            _ => ("Sorry, there is a problem with the service", ["Try again later."]),
        };
    }
}
