using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// A signatory (Chief Finance Officer, Chief Executive, Commissioner, in that order) signs the Record of Decision with
/// comments, or refuses it with a reason, which sends it back to the commissioning officer.
/// </summary>
[Authorize(Roles = "finance_officer,chief_executive,commissioner")]
public sealed class SignModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : AwardPage(awards, tenders)
{
    public const int MaxLength = 5000;

    /// <summary>"sign" or "refuse".</summary>
    [BindProperty] public string? Choice { get; set; }
    [BindProperty] public string? Comments { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        if (Choice is not ("sign" or "refuse")) AddError("choice", "Select whether you sign or refuse the decision");
        else if (Choice == "refuse" && string.IsNullOrWhiteSpace(Reason)) AddError("reason", "Enter why you refuse the decision");
        if ((Comments?.Trim().Length ?? 0) > MaxLength) AddError("comments", $"Your comments must be {MaxLength:N0} characters or fewer");
        if ((Reason?.Trim().Length ?? 0) > MaxLength) AddError("reason", $"Your reason must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        var signatory = AwardText.SignsAs(User) ?? Signatory.Unspecified;
        try
        {
            if (Choice == "sign")
                await Awards.SignDecisionAsync(new SignDecisionRequest { AwardId = id, As = signatory, Comments = Comments?.Trim() ?? "" }, ChangeOptions());
            else
                await Awards.RefuseDecisionAsync(new RefuseDecisionRequest { AwardId = id, As = signatory, Reason = Reason!.Trim() }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
        {
            ["comments"] = ("comments", "Your comments"),
            ["reason"] = ("reason", "Your reason"),
        }))
        {
            return Page();
        }
        return RedirectDone(Choice == "sign" ? "signed" : "refused");
    }
}
