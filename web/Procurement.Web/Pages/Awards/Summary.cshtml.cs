using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// A bidder's assessment summary once the award is notified: its own marks criterion by criterion beside the winning
/// bid's, whether it was successful, and when standstill ends (until then it may challenge). Reached from the
/// tender's page, which names the tender and lot.
/// </summary>
[Authorize(Roles = "supplier")]
public sealed class SummaryModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : PageModel
{
    public AssessmentSummary Summary { get; private set; } = new();
    public Tender? Tender { get; private set; }
    public Lot? Lot { get; private set; }

    [BindProperty(SupportsGet = true, Name = "tender")] public string? TenderId { get; set; }
    [BindProperty(SupportsGet = true, Name = "lot")] public string? LotId { get; set; }

    public string CriterionTitle(string id) =>
        Lot?.Evaluation?.Criteria.FirstOrDefault(c => c.Id == id)?.Title is { Length: > 0 } title ? title : id;

    public CriterionOutcome? Winner(string criterionId) => Summary.Winner?.Criteria.FirstOrDefault(c => c.CriterionId == criterionId);

    public async Task OnGetAsync(string id)
    {
        Summary = await awards.GetAssessmentSummaryAsync(new GetAssessmentSummaryRequest { AwardId = id }, cancellationToken: HttpContext.RequestAborted);
        if (Guid.TryParse(TenderId, out _))
        {
            Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = TenderId }, cancellationToken: HttpContext.RequestAborted);
            Lot = Tender.Lots.FirstOrDefault(l => l.Id == LotId);
        }
    }
}
