using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// A page about one lot's award as the award service shows it to the signed-in person (an award of another
/// commissioner is NOT_FOUND, shown as page not found), with the lot it is of.
/// </summary>
public abstract class AwardPage(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : PortalPage
{
    protected AwardService.AwardServiceClient Awards { get; } = awards;

    public Award Award { get; private set; } = new();
    public Tender Tender { get; private set; } = new();
    public Lot Lot { get; private set; } = new();

    protected async Task LoadAsync(string id)
    {
        Award = await Awards.GetAwardAsync(new GetAwardRequest { AwardId = id }, cancellationToken: HttpContext.RequestAborted);
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = Award.TenderId }, cancellationToken: HttpContext.RequestAborted);
        Lot = Tender.Lots.FirstOrDefault(l => l.Id == Award.LotId) ?? new Lot { Id = Award.LotId, Title = Award.LotId };
    }

    protected Microsoft.AspNetCore.Mvc.IActionResult RedirectDone(string done) =>
        Redirect($"/awards/{Uri.EscapeDataString(Award.Id)}?done={done}");
}
