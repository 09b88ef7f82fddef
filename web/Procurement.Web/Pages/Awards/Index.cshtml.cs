using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>The awards the signed-in person may see: their commissioner's (or, for the procurement team, every one of its tenders').</summary>
[Authorize(Roles = "commissioning_officer,finance_officer,chief_executive,commissioner,procurement_officer")]
public sealed class IndexModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : PageModel
{
    public IReadOnlyList<Award> Awards { get; private set; } = [];
    public IReadOnlyDictionary<string, Tender> Tenders { get; private set; } = new Dictionary<string, Tender>();

    public async Task OnGetAsync()
    {
        Awards = (await awards.ListAwardsAsync(new ListAwardsRequest(), cancellationToken: HttpContext.RequestAborted)).Awards;
        var found = await Task.WhenAll(Awards.Select(a => a.TenderId).Distinct().Select(async id =>
            await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted)));
        Tenders = found.ToDictionary(t => t.Id);
    }

    public string LotTitle(Award award) =>
        Tenders.TryGetValue(award.TenderId, out var tender) && tender.Lots.FirstOrDefault(l => l.Id == award.LotId) is { } lot ? lot.Title : $"Lot {award.LotId}";
}
