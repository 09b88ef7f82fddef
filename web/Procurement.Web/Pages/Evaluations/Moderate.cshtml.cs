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

    public sealed class CriterionInput
    {
        public string? Score { get; set; }
        public string? Rationale { get; set; }
    }

    public EvaluatedBid Bid { get; private set; } = new();
    public IReadOnlyList<CriterionInfo> Criteria { get; private set; } = [];
    public IReadOnlyList<CriterionScores> Scores { get; private set; } = [];

    [BindProperty]
    public List<CriterionInput> Inputs { get; set; } = [];

    public int Minimum => Evaluation.Scale?.Minimum ?? 0;
    public int Maximum => Evaluation.Scale?.Maximum ?? 5;

    public CriterionScores? ScoresFor(string criterionId) => Scores.FirstOrDefault(s => s.BidId == Bid.BidId && s.CriterionId == criterionId);

    public string EvaluatorName(string personId) => Evaluation.Evaluators.FirstOrDefault(e => e.PersonId == personId)?.Name ?? personId;

    public async Task OnGetAsync(string id, string bidId)
    {
        await LoadAsync(id, bidId);
        Inputs = Criteria.Select(c => ScoresFor(c.CriterionId)?.Moderated is { } moderated
            ? new CriterionInput { Score = moderated.Score.ToString(System.Globalization.CultureInfo.InvariantCulture), Rationale = moderated.Rationale }
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
                AddError($"inputs-{i}-score", $"Select the moderated score for {title}");
            if (string.IsNullOrWhiteSpace(Inputs[i].Rationale)) AddError($"inputs-{i}-rationale", $"Enter the panel's reason for the score for {title}");
            else if (Inputs[i].Rationale!.Trim().Length > RationaleMaxLength)
                AddError($"inputs-{i}-rationale", $"The reason for {title} must be {RationaleMaxLength:N0} characters or fewer");
        }
        if (Errors.Count > 0) return Page();

        for (var i = 0; i < Criteria.Count; i++)
        {
            var criterion = Criteria[i].CriterionId;
            var rationale = Inputs[i].Rationale!.Trim();
            try
            {
                await Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
                {
                    EvaluationId = id, BidId = Bid.BidId, CriterionId = criterion, Score = scores[i], Rationale = rationale,
                }, ChangeOptions($"{criterion}\n{scores[i]}\n{rationale}"));
            }
            catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
            {
                ["score"] = ($"inputs-{i}-score", $"{CriterionTitle(criterion)}: the score"),
                ["rationale"] = ($"inputs-{i}-rationale", $"{CriterionTitle(criterion)}: the reason"),
            }))
            {
                return Page();
            }
        }
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
