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

    public sealed class CriterionInput
    {
        public string? Score { get; set; }
        public string? Justification { get; set; }
    }

    public OpenedOffer Offer { get; private set; } = new();
    public IReadOnlyList<CriterionInfo> Criteria { get; private set; } = [];

    [BindProperty]
    public List<CriterionInput> Inputs { get; set; } = [];

    public string ResponseTo(string criterionId) => Offer.Offer?.Responses.FirstOrDefault(r => r.CriterionId == criterionId)?.Text ?? "";

    public string Guidance(string criterionId) => Lot.Evaluation?.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Guidance ?? "";

    public int Minimum => Evaluation.Scale?.Minimum ?? 0;
    public int Maximum => Evaluation.Scale?.Maximum ?? 5;

    public async Task OnGetAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        var mine = (await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted)).Scores;
        Inputs = Criteria.Select(c => mine.FirstOrDefault(s => s.BidId == bidId && s.CriterionId == c.CriterionId)?.Individual
                .FirstOrDefault(i => i.PersonId == PersonId) is { } draft
            ? new CriterionInput { Score = draft.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), Justification = draft.Justification }
            : new CriterionInput()).ToList();
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        while (Inputs.Count < Criteria.Count) Inputs.Add(new CriterionInput());
        var scores = new int[Criteria.Count];
        for (var i = 0; i < Criteria.Count; i++)
        {
            var title = CriterionTitle(Criteria[i].CriterionId);
            if (!int.TryParse(Inputs[i].Score, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out scores[i])
                || scores[i] < Minimum || scores[i] > Maximum)
                AddError($"inputs-{i}-score", $"Select a score for {title}");
            if (string.IsNullOrWhiteSpace(Inputs[i].Justification)) AddError($"inputs-{i}-justification", $"Enter why you gave this score for {title}");
            else if (Inputs[i].Justification!.Trim().Length > JustificationMaxLength)
                AddError($"inputs-{i}-justification", $"Your justification for {title} must be {JustificationMaxLength:N0} characters or fewer");
        }
        if (Errors.Count > 0) return Page();

        for (var i = 0; i < Criteria.Count; i++)
        {
            var criterion = Criteria[i].CriterionId;
            var justification = Inputs[i].Justification!.Trim();
            try
            {
                await Moderation.RecordScoreAsync(new RecordScoreRequest
                {
                    EvaluationId = id, BidId = bidId, CriterionId = criterion, Score = scores[i], Justification = justification,
                }, ChangeOptions($"{criterion}\n{scores[i]}\n{justification}"));
            }
            catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
            {
                ["score"] = ($"inputs-{i}-score", $"{CriterionTitle(criterion)}: the score"),
                ["justification"] = ($"inputs-{i}-justification", $"{CriterionTitle(criterion)}: the justification"),
            }))
            {
                return Page();
            }
        }
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
