using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Drafts;

/// <summary>
/// A page of the procurement team's draft tender: the draft as the tender service holds it, and the change of one
/// part of its content (UpdateDraft, at the version read, so that two people editing at once cannot overwrite each
/// other unseen). A tender that is no longer a draft is shown on its own page instead.
/// </summary>
public abstract class DraftPage(TenderService.TenderServiceClient tenders) : PortalPage
{
    protected TenderService.TenderServiceClient Tenders { get; } = tenders;

    public Tender Draft { get; private set; } = new();

    /// <summary>The draft's version when the form was shown, posted back so a change made meanwhile is noticed.</summary>
    [BindProperty]
    public long Version { get; set; }

    /// <summary>Loads the draft; null when it may be edited, else where to go instead (the tender's own page).</summary>
    protected async Task<IActionResult?> LoadAsync(string id)
    {
        Draft = await Tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        return Draft.Status == TenderStatus.Draft ? null : Redirect($"/tenders/{Uri.EscapeDataString(id)}");
    }

    /// <summary>The draft's content as its author wrote it, to change a part of and save.</summary>
    public static TenderContent ContentOf(Tender tender)
    {
        var content = new TenderContent
        {
            Reference = tender.Reference, Title = tender.Title, Description = tender.Description, Regime = tender.Regime,
            LightTouch = tender.LightTouch, Timetable = tender.Timetable?.Clone() ?? new Timetable(),
        };
        content.Commissioners.AddRange(tender.Commissioners);
        content.Lots.AddRange(tender.Lots.Select(l => l.Clone()));
        return content;
    }

    /// <summary>
    /// Saves the changed content at the version the form was shown with. True when saved; false when refused, with the
    /// refusal shown against the form's fields (<paramref name="fields"/>: the service's field paths to the form's ids).
    /// </summary>
    protected async Task<bool> SaveAsync(TenderContent content, IReadOnlyDictionary<string, (string Id, string Label)> fields)
    {
        try
        {
            Draft = await Tenders.UpdateDraftAsync(new UpdateDraftRequest { TenderId = Draft.Id, ExpectedVersion = Version, Content = content }, ChangeOptions());
            return true;
        }
        catch (RpcException refusal) when (refusal.StatusCode == Grpc.Core.StatusCode.Aborted)
        {
            AddError(null, "Someone else changed this tender while you were editing it. Your changes were not saved: check the tender and make them again.");
            Version = Draft.Version;
            return false;
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, fields))
        {
            return false;
        }
    }

    protected IActionResult ToTaskList() => Redirect($"/tenders/{Uri.EscapeDataString(Draft.Id)}/draft");
}
