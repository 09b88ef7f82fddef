using Microsoft.AspNetCore.Authorization;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>A completed evaluation's marks and ranking, for the commissioning officer and the panel.</summary>
[Authorize(Roles = "commissioning_officer,evaluator")]
public sealed class ResultsModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public Procurement.Contracts.Moderation.V1.Results Results { get; private set; } = new();

    public IEnumerable<BidResult> Ranked => Results.Bids.OrderBy(b => b.Rank == 0 ? int.MaxValue : b.Rank).ThenBy(b => b.Supplier, StringComparer.Ordinal);

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        Results = await Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted);
    }
}
