using System.Security.Claims;
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

    protected async Task LoadAsync(string id)
    {
        Evaluation = await Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = id }, cancellationToken: HttpContext.RequestAborted);
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = Evaluation.TenderId }, cancellationToken: HttpContext.RequestAborted);
        Lot = Tender.Lots.FirstOrDefault(l => l.Id == Evaluation.LotId) ?? new Lot { Id = Evaluation.LotId, Title = Evaluation.LotId };
    }
}
