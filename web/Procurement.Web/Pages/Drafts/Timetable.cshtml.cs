using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Drafts;

/// <summary>A draft tender's timetable: until when suppliers may ask questions, and until when they may bid (UK time).</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class TimetableModel(TenderService.TenderServiceClient tenders) : DraftPage(tenders)
{
    private static readonly Dictionary<string, (string, string)> Fields = new()
    {
        ["timetable.clarification_deadline"] = ("clarification-day", "The clarification deadline"),
        ["timetable.submission_deadline"] = ("submission-day", "The submission deadline"),
    };

    [BindProperty] public UkDate Clarification { get; set; } = new();
    [BindProperty] public UkDate Submission { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Clarification = UkDate.Of(Draft.Timetable?.ClarificationDeadline?.ToDateTimeOffset());
        Submission = UkDate.Of(Draft.Timetable?.SubmissionDeadline?.ToDateTimeOffset());
        Version = Draft.Version;
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        var clarification = ReadDeadline(Clarification, "clarification", "clarification deadline");
        var submission = ReadDeadline(Submission, "submission", "submission deadline");
        if (clarification is { } c && submission is { } s && c >= s)
            AddError("clarification-day", "The clarification deadline must be before the submission deadline");
        if (Errors.Count > 0) return Page();
        var content = ContentOf(Draft);
        content.Timetable = new Timetable { ClarificationDeadline = Timestamp.FromDateTimeOffset(clarification!.Value), SubmissionDeadline = Timestamp.FromDateTimeOffset(submission!.Value) };
        return await SaveAsync(content, Fields) ? ToTaskList() : Page();
    }
}
