using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>A supplier asks the procurement team a question about a tender (until the clarification deadline).</summary>
[Authorize(Roles = "supplier")]
public sealed class AskModel(TenderService.TenderServiceClient tenders) : PortalPage
{
    public const int MaxLength = 5000;
    private static readonly Dictionary<string, (string, string)> Fields = new() { ["question"] = ("question", "Your question") };

    public Tender Tender { get; private set; } = new();

    [BindProperty]
    public string? Question { get; set; }

    public async Task OnGetAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var question = Question?.Trim() ?? "";
        if (question.Length == 0) AddError("question", "Enter your question");
        else if (question.Length > MaxLength) AddError("question", $"Your question must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            await tenders.AskClarificationAsync(new AskClarificationRequest { TenderId = id, Question = question }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=asked#questions");
    }
}
