using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>
/// One lot's evaluation: its panel, its bids and what the signed-in person has to do in it, in order (appoint the
/// panel; declare conflicts; score and submit; moderate and complete; the results). Submitting one's scores and
/// completing the evaluation are this page's own forms.
/// </summary>
[Authorize(Roles = "commissioning_officer,evaluator")]
public sealed class EvaluationModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    private static readonly Dictionary<string, (string, string)> NoFields = [];

    /// <summary>The scores the person may see, by bid and criterion (an evaluator's own drafts before submitting).</summary>
    public IReadOnlyList<CriterionScores> Scores { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public IEnumerable<CriterionInfo> ScoredCriteria => Evaluation.Criteria.Where(c => c.Kind != "price");

    /// <summary>How many of a bid's scored criteria the signed-in evaluator has scored.</summary>
    public int ScoredByMe(string bidId) =>
        Scores.Count(s => s.BidId == bidId && s.Individual.Any(i => i.PersonId == PersonId));

    public int ScoresNeeded => Evaluation.Bids.Count * ScoredCriteria.Count();

    public bool MayScore => AsEvaluator is { Declared: true, Submitted: false } && Evaluation.Stage == Stage.Scoring;

    public bool MayModerate => IsChair && Evaluation.Chair.Declared && Evaluation.Stage == Stage.Moderating;

    /// <summary>Moderated scores recorded so far (the chair completes once every bid's every scored criterion has one).</summary>
    public int Moderated => Scores.Count(s => s.Moderated is not null);

    /// <summary>A member sees every score once the evaluators have all submitted (the service decides what each may see).</summary>
    public bool MaySeeScores => Me is { Declared: true } && Evaluation.Stage is Stage.Moderating or Stage.Completed;

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        await LoadScoresAsync();
        NewRequestId();
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id) =>
        await ChangeAsync(id, () => Moderation.SubmitScoresAsync(new SubmitScoresRequest { EvaluationId = id }, ChangeOptions()).ResponseAsync, "submitted");

    public async Task<IActionResult> OnPostCompleteAsync(string id) =>
        await ChangeAsync(id, () => Moderation.CompleteEvaluationAsync(new CompleteEvaluationRequest { EvaluationId = id }, ChangeOptions()).ResponseAsync, "completed");

    private async Task<IActionResult> ChangeAsync(string id, Func<Task<Evaluation>> change, string done)
    {
        try
        {
            await change();
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, NoFields))
        {
            await LoadAsync(id);
            await LoadScoresAsync();
            return Page();
        }
        return Redirect($"/evaluations/{Uri.EscapeDataString(id)}?done={done}");
    }

    private async Task LoadScoresAsync()
    {
        if (Me is { Declared: true })
            Scores = (await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = Evaluation.Id }, cancellationToken: HttpContext.RequestAborted)).Scores;
    }
}
