using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>The tenders the signed-in person may see (the tender service decides which), newest first, with a search.</summary>
public sealed class IndexModel(TenderService.TenderServiceClient tenders) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "search")]
    public string? Search { get; set; }

    public IReadOnlyList<Tender> Tenders { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        var request = new ListTendersRequest { Page = new PageRequest { PageSize = PageSize }, Text = Search?.Trim() ?? "" };
        var response = await tenders.ListTendersAsync(request, cancellationToken: HttpContext.RequestAborted);
        Tenders = response.Tenders;
        Total = response.Page?.TotalCount ?? response.Tenders.Count;
    }
}
