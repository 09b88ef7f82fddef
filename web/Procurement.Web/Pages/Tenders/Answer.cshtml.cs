using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>The procurement team answers a question, once, for every supplier to read.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class AnswerModel(TenderService.TenderServiceClient tenders) : PortalPage
{
    public const int MaxLength = 10000;
    private static readonly Dictionary<string, (string, string)> Fields = new() { ["answer"] = ("answer", "Your answer") };

    public Tender Tender { get; private set; } = new();
    public Clarification Clarification { get; private set; } = new();

    [BindProperty]
    public string? Answer { get; set; }

    public async Task OnGetAsync(string id, string questionId)
    {
        await LoadAsync(id, questionId);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id, string questionId)
    {
        await LoadAsync(id, questionId);
        var answer = Answer?.Trim() ?? "";
        if (answer.Length == 0) AddError("answer", "Enter your answer");
        else if (answer.Length > MaxLength) AddError("answer", $"Your answer must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            await tenders.AnswerClarificationAsync(new AnswerClarificationRequest { ClarificationId = questionId, Answer = answer }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=answered#questions");
    }

    /// <summary>The question, found among the tender's: one of another tender is not found here.</summary>
    private async Task LoadAsync(string id, string questionId)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var questions = await tenders.ListClarificationsAsync(new ListClarificationsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Clarification = questions.Clarifications.FirstOrDefault(c => c.Id == questionId)
            ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such question on this tender."));
    }
}
