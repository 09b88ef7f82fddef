using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>The evaluations the signed-in person may see: a commissioning officer's commissioner's, an evaluator's own panels.</summary>
[Authorize(Roles = "commissioning_officer,evaluator")]
public sealed class IndexModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders) : PageModel
{
    public IReadOnlyList<Evaluation> Evaluations { get; private set; } = [];

    /// <summary>Each evaluation's tender, for the lot's and the tender's titles.</summary>
    public IReadOnlyDictionary<string, Tender> Tenders { get; private set; } = new Dictionary<string, Tender>();

    public async Task OnGetAsync()
    {
        Evaluations = (await moderation.ListEvaluationsAsync(new ListEvaluationsRequest(), cancellationToken: HttpContext.RequestAborted)).Evaluations
            .OrderByDescending(e => e.OpenedAt?.ToDateTimeOffset()).ToList();
        var found = await Task.WhenAll(Evaluations.Select(e => e.TenderId).Distinct().Select(async id =>
            await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted)));
        Tenders = found.ToDictionary(t => t.Id);
    }

    public string LotTitle(Evaluation evaluation) =>
        Tenders.TryGetValue(evaluation.TenderId, out var tender) && tender.Lots.FirstOrDefault(l => l.Id == evaluation.LotId) is { } lot
            ? lot.Title : $"Lot {evaluation.LotId}";

    public string TenderTitle(Evaluation evaluation) => Tenders.TryGetValue(evaluation.TenderId, out var tender) ? tender.Title : "";
}
