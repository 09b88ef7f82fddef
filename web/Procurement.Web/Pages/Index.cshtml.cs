using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Procurement.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
