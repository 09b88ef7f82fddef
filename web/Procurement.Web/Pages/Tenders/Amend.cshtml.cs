using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;
using Procurement.Web.Pages.Drafts;

namespace Procurement.Web.Pages.Tenders;

/// <summary>
/// The procurement team amends a published tender: its deadlines and its lots' specifications, with a summary of
/// what changed that every supplier is shown. Bidders are then asked to reconfirm their bids.
/// </summary>
[Authorize(Roles = "procurement_officer")]
public sealed class AmendModel(TenderService.TenderServiceClient tenders) : PortalPage
{
    public const int SummaryMaxLength = 2000, SpecificationMaxLength = 50000;

    public Tender Tender { get; private set; } = new();

    [BindProperty] public long Version { get; set; }
    [BindProperty] public UkDate Clarification { get; set; } = new();
    [BindProperty] public UkDate Submission { get; set; } = new();
    [BindProperty] public List<string?> Specifications { get; set; } = [];
    [BindProperty] public string? Summary { get; set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Version = Tender.Version;
        Clarification = UkDate.Of(Tender.Timetable?.ClarificationDeadline?.ToDateTimeOffset());
        Submission = UkDate.Of(Tender.Timetable?.SubmissionDeadline?.ToDateTimeOffset());
        Specifications = Tender.Lots.Select(l => (string?)l.Specification).ToList();
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        var clarification = ReadDeadline(Clarification, "clarification", "clarification deadline");
        var submission = ReadDeadline(Submission, "submission", "submission deadline");
        while (Specifications.Count < Tender.Lots.Count) Specifications.Add(null);
        for (var i = 0; i < Tender.Lots.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Specifications[i])) AddError($"specifications-{i}", $"Enter the specification of {TenderText.Commissioner(Tender.Lots[i].Commissioner)}'s lot");
            else if (Specifications[i]!.Trim().Length > SpecificationMaxLength) AddError($"specifications-{i}", $"The specification must be {SpecificationMaxLength:N0} characters or fewer");
        }
        if (string.IsNullOrWhiteSpace(Summary)) AddError("summary", "Enter what changed; every supplier is shown it");
        else if (Summary.Trim().Length > SummaryMaxLength) AddError("summary", $"The summary must be {SummaryMaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();

        var content = DraftPage.ContentOf(Tender);
        content.Timetable = new Timetable { ClarificationDeadline = Timestamp.FromDateTimeOffset(clarification!.Value), SubmissionDeadline = Timestamp.FromDateTimeOffset(submission!.Value) };
        for (var i = 0; i < content.Lots.Count; i++) content.Lots[i].Specification = Specifications[i]!.Trim();
        var fields = new Dictionary<string, (string, string)>
        {
            ["summary"] = ("summary", "The summary"),
            ["timetable.clarification_deadline"] = ("clarification-day", "The clarification deadline"),
            ["timetable.submission_deadline"] = ("submission-day", "The submission deadline"),
        };
        for (var i = 0; i < content.Lots.Count; i++) fields[$"lots[{i}].specification"] = ($"specifications-{i}", "The specification");
        try
        {
            await tenders.AmendAsync(new AmendRequest { TenderId = id, ExpectedVersion = Version, Content = content, Summary = Summary!.Trim() }, ChangeOptions());
        }
        catch (RpcException refusal) when (refusal.StatusCode == Grpc.Core.StatusCode.Aborted)
        {
            AddError(null, "Someone else changed this tender while you were amending it. Your changes were not saved: check the tender and make them again.");
            Version = Tender.Version;
            return Page();
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, fields))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=amended");
    }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        return Tender.Status == TenderStatus.Published ? null : Redirect($"/tenders/{Uri.EscapeDataString(id)}");
    }
}
