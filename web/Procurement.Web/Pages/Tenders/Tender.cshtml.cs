using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>One tender: its summary, timeline and lots. Another commissioner's tender is NOT_FOUND, shown as page not found.</summary>
public sealed class TenderModel(TenderService.TenderServiceClient tenders, TimeProvider clock) : PageModel
{
    public Tender Tender { get; private set; } = new();
    public Timeline Timeline { get; private set; } = new([], null);

    public async Task OnGetAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Timeline = Timeline.Of(Tender, clock.GetUtcNow());
    }
}
