using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>
/// An evaluator scores one bid: for each quality and social-value criterion, the bidder's response beside a score on
/// the lot's scale and a justification. Scores stay drafts (and may be changed here) until the evaluator submits them.
/// </summary>
[Authorize(Roles = "evaluator")]
public sealed class ScoreModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public const int JustificationMaxLength = 5000;

    public OpenedOffer Offer { get; private set; } = new();
    public IReadOnlyList<CriterionInfo> Criteria { get; private set; } = [];

    [BindProperty]
    public List<ScoreInput> Inputs { get; set; } = [];

    public string ResponseTo(string criterionId) => Offer.Offer?.Responses.FirstOrDefault(r => r.CriterionId == criterionId)?.Text ?? "";

    public string Guidance(string criterionId) => Lot.Evaluation?.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Guidance ?? "";


    public async Task OnGetAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        var mine = (await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted)).Scores;
        Inputs = Criteria.Select(c => mine.FirstOrDefault(s => s.BidId == bidId && s.CriterionId == c.CriterionId)?.Individual
                .FirstOrDefault(i => i.PersonId == PersonId) is { } draft
            ? new ScoreInput { Score = draft.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), Text = draft.Justification }
            : new ScoreInput()).ToList();
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        var wording = new ScoreWording(title => $"Select a score for {title}", title => $"Enter why you gave this score for {title}",
            title => $"Your justification for {title}", "justification", "justification", JustificationMaxLength);
        if (!await RecordEachAsync(Criteria, Inputs, wording, (criterion, score, text, options) => Moderation.RecordScoreAsync(new RecordScoreRequest
            {
                EvaluationId = id, BidId = bidId, CriterionId = criterion, Score = score, Justification = text,
            }, options).ResponseAsync))
            return Page();
        return Redirect($"/evaluations/{Uri.EscapeDataString(id)}?done=scored");
    }

    private async Task LoadAsync(string id, string bidId)
    {
        await LoadAsync(id);
        var offers = await Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted);
        // A bid the evaluator may not score (conflicted, or not of this lot) is not there for them.
        Offer = offers.Offers.FirstOrDefault(o => o.BidId == bidId)
            ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such bid to score."));
        Criteria = Evaluation.Criteria.Where(c => c.Kind != "price").ToList();
    }
}
