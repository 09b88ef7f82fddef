using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>
/// Every evaluator's scores for every bid, criterion by criterion, with the spreads the panel must discuss flagged and
/// the moderated scores beside the originals: the chair's page for moderating, and the panel's once all have submitted.
/// </summary>
[Authorize(Roles = "evaluator")]
public sealed class ScoresModel(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders)
    : EvaluationPage(moderation, tenders)
{
    public ScoreMatrix Matrix { get; private set; } = new([], [], 0, 5);

    public bool MayModerate => IsChair && Evaluation.Stage == Stage.Moderating;

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        if (Me is not { Declared: true })
            throw new RpcException(new Status(Grpc.Core.StatusCode.PermissionDenied, "Only the panel's members who have declared see the scores."));
        var scores = await Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted);
        Matrix = ScoreMatrix.Of(Evaluation, scores.Scores, CriterionTitles);
    }
}
