using System.Globalization;
using System.Security.Claims;
using Grpc.Core;
using Procurement.Contracts.Moderation.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>
/// A page about one lot's evaluation: the evaluation as the moderation service shows it to the signed-in person (an
/// evaluation of another commissioner is NOT_FOUND, shown as page not found), the lot it is of, and the person's part
/// in it.
/// </summary>
public abstract class EvaluationPage(ModerationService.ModerationServiceClient moderation, TenderService.TenderServiceClient tenders) : PortalPage
{
    protected ModerationService.ModerationServiceClient Moderation { get; } = moderation;

    public Evaluation Evaluation { get; private set; } = new();
    public Tender Tender { get; private set; } = new();
    public Lot Lot { get; private set; } = new();

    public string PersonId => User.FindFirstValue(CallerClaims.PersonId) ?? "";
    public bool IsChair => Evaluation.Chair?.PersonId == PersonId;
    public PanelMember? AsEvaluator => Evaluation.Evaluators.FirstOrDefault(e => e.PersonId == PersonId);
    public PanelMember? Me => IsChair ? Evaluation.Chair : AsEvaluator;
    public bool IsOfficer => User.IsInRole("commissioning_officer");

    public string CriterionTitle(string criterionId) =>
        Lot.Evaluation?.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Title is { Length: > 0 } title ? title : criterionId;

    public IReadOnlyDictionary<string, string> CriterionTitles =>
        (Lot.Evaluation?.Criteria ?? []).ToDictionary(c => c.Id, c => c.Title.Length > 0 ? c.Title : c.Id);

    /// <summary>One criterion's answer on a scoring form: the score chosen on the scale and the text that justifies it.</summary>
    public sealed class ScoreInput
    {
        public string? Score { get; set; }
        public string? Text { get; set; }
    }

    /// <summary>What a scoring form calls its parts: the score's and the text's messages, the text's field id part and length.</summary>
    protected sealed record ScoreWording(Func<string, string> SelectScore, Func<string, string> EnterText, Func<string, string> TextName, string TextId, string TextField, int TextMaxLength);

    public int Minimum => Evaluation.Scale?.Minimum ?? 0;
    public int Maximum => Evaluation.Scale?.Maximum ?? 5;

    /// <summary>
    /// Checks a scoring form (one score and text per criterion, on the evaluation's scale) and, when nothing is wrong,
    /// records each criterion's answer with its own idempotency key (the form's, the criterion and the answer). False
    /// when the form has problems or the service refused an answer (shown against its field).
    /// </summary>
    protected async Task<bool> RecordEachAsync(IReadOnlyList<CriterionInfo> criteria, List<ScoreInput> inputs, ScoreWording wording,
        Func<string, int, string, CallOptions, Task> record)
    {
        while (inputs.Count < criteria.Count) inputs.Add(new ScoreInput());
        var scores = new int[criteria.Count];
        for (var i = 0; i < criteria.Count; i++)
        {
            var title = CriterionTitle(criteria[i].CriterionId);
            if (!int.TryParse(inputs[i].Score, NumberStyles.None, CultureInfo.InvariantCulture, out scores[i]) || scores[i] < Minimum || scores[i] > Maximum)
                AddError($"inputs-{i}-score", wording.SelectScore(title));
            if (string.IsNullOrWhiteSpace(inputs[i].Text)) AddError($"inputs-{i}-{wording.TextId}", wording.EnterText(title));
            else if (inputs[i].Text!.Trim().Length > wording.TextMaxLength)
                AddError($"inputs-{i}-{wording.TextId}", $"{wording.TextName(title)} must be {wording.TextMaxLength:N0} characters or fewer");
        }
        if (Errors.Count > 0) return false;

        for (var i = 0; i < criteria.Count; i++)
        {
            var criterion = criteria[i].CriterionId;
            var text = inputs[i].Text!.Trim();
            try
            {
                await record(criterion, scores[i], text, ChangeOptions($"{criterion}\n{scores[i]}\n{text}"));
            }
            catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
            {
                ["score"] = ($"inputs-{i}-score", $"{CriterionTitle(criterion)}: the score"),
                [wording.TextField] = ($"inputs-{i}-{wording.TextId}", wording.TextName(CriterionTitle(criterion)) + ":"),
            }))
            {
                return false;
            }
        }
        return true;
    }

    protected async Task LoadAsync(string id)
    {
        Evaluation = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted);
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = Evaluation.TenderId }, cancellationToken: HttpContext.RequestAborted);
        Lot = Tender.Lots.FirstOrDefault(l => l.Id == Evaluation.LotId) ?? new Lot { Id = Evaluation.LotId, Title = Evaluation.LotId };
    }
}
