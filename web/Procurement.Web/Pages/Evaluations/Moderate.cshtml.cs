using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>The chair records the panel's agreed (moderated) score for each criterion of one bid, with the rationale.</summary>
[Authorize(Roles = "evaluator")]
public sealed class ModerateModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public const int RationaleMaxLength = 5000;

    public EvaluatedBid Bid { get; private set; } = new();
    public IReadOnlyList<CriterionInfo> Criteria { get; private set; } = [];
    public IReadOnlyList<CriterionScores> Scores { get; private set; } = [];

    [BindProperty]
    public List<ScoreInput> Inputs { get; set; } = [];


    public CriterionScores? ScoresFor(string criterionId) => Scores.FirstOrDefault(s => s.BidId == Bid.BidId && s.CriterionId == criterionId);

    public string EvaluatorName(string personId) => Evaluation.Evaluators.FirstOrDefault(e => e.PersonId == personId)?.Name ?? personId;

    public async Task OnGetAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        Inputs = Criteria.Select(c => ScoresFor(c.CriterionId)?.Moderated is { } moderated
            ? new ScoreInput { Score = moderated.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), Text = moderated.Rationale }
            : new ScoreInput()).ToList();
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        var wording = new ScoreWording(title => $"Select the moderated score for {title}", title => $"Enter the panel's reason for the score for {title}",
            title => $"The reason for {title}", "rationale", "rationale", RationaleMaxLength);
        if (!await RecordEachAsync(Criteria, Inputs, wording, (criterion, score, text, options) => Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
            {
                EvaluationId = id, BidId = Bid.BidId, CriterionId = criterion, Score = score, Rationale = text,
            }, options).ResponseAsync))
            return Page();
        return Redirect($"/evaluations/{Uri.EscapeDataString(id)}/scores#bid-{Uri.EscapeDataString(Bid.BidId)}");
    }

    private async Task LoadAsync(string id, string bidId)
    {
        await LoadAsync(id);
        if (!IsChair) throw new RpcException(new Status(Grpc.Core.StatusCode.PermissionDenied, "Only the panel's chair moderates."));
        Bid = Evaluation.Bids.FirstOrDefault(b => b.BidId == bidId) ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such bid in this evaluation."));
        Criteria = Evaluation.Criteria.Where(c => c.Kind != "price").ToList();
        Scores = (await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted)).Scores;
    }
}
