using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>The commissioning officer drafts (or, after a refusal, redrafts) the lot's Record of Decision.</summary>
[Authorize(Roles = "commissioning_officer")]
public sealed class DecisionModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : AwardPage(awards, tenders)
{
    public const int TitleMaxLength = 300, TextMaxLength = 20000, ReferenceMaxLength = 100;

    private static readonly Dictionary<string, (string, string)> Fields = new()
    {
        ["decision.reference"] = ("reference", "The reference"),
        ["decision.title"] = ("title", "The title"),
        ["decision.executive_summary"] = ("summary", "The executive summary"),
        ["decision.recommendation"] = ("recommendation", "The recommendation"),
        ["decision.decision"] = ("decision-text", "The decision"),
    };

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? DecisionTitle { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? Recommendation { get; set; }
    [BindProperty] public string? DecisionText { get; set; }

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        if (Award.Decision is { Reference.Length: > 0 } drafted)
            (Reference, DecisionTitle, Summary, Recommendation, DecisionText) = (drafted.Reference, drafted.Title, drafted.ExecutiveSummary, drafted.Recommendation, drafted.Decision);
        else
            Recommendation = Award.PreferredSupplier.Length > 0 ? $"Award the contract to {Award.PreferredSupplier}." : "";
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        Require(Reference, "reference", "the decision's reference", ReferenceMaxLength);
        Require(DecisionTitle, "title", "the decision's title", TitleMaxLength);
        Require(Summary, "summary", "the executive summary", TextMaxLength);
        Require(Recommendation, "recommendation", "the recommendation", TextMaxLength);
        Require(DecisionText, "decision-text", "the decision", TextMaxLength);
        if (Errors.Count > 0) return Page();
        try
        {
            await Awards.DraftDecisionAsync(new DraftDecisionRequest
            {
                AwardId = id,
                Decision = new Contracts.Award.V1.DecisionText
                {
                    Reference = Reference!.Trim(), Title = DecisionTitle!.Trim(), ExecutiveSummary = Summary!.Trim(),
                    Recommendation = Recommendation!.Trim(), Decision = DecisionText!.Trim(),
                },
            }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields))
        {
            return Page();
        }
        return RedirectDone("drafted");
    }

    private void Require(string? value, string field, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) AddError(field, $"Enter {what}");
        else if (value.Trim().Length > maxLength) AddError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {maxLength:N0} characters or fewer");
    }
}
