using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// A bidder's challenge during standstill, recorded by the procurement team or the commissioning officer (the award is
/// suspended until it is resolved); or, while suspended, its resolution.
/// </summary>
[Authorize(Roles = "commissioning_officer,procurement_officer")]
public sealed class ChallengeModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : AwardPage(awards, tenders)
{
    public const int MaxLength = 10000;

    public bool Resolving => Award.Stage == Stage.Suspended;

    [BindProperty] public string? Supplier { get; set; }
    [BindProperty] public string? Text { get; set; }

    public IEnumerable<string> Bidders => Award.Ranking.Select(b => b.Supplier).Distinct().Order(StringComparer.Ordinal);

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        if (!Resolving && !Bidders.Contains(Supplier)) AddError("supplier", "Select the bidder who challenges the decision");
        if (string.IsNullOrWhiteSpace(Text)) AddError("text", Resolving ? "Enter how the challenge was resolved" : "Enter the grounds of the challenge");
        else if (Text.Trim().Length > MaxLength) AddError("text", $"The text must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            if (Resolving)
                await Awards.ResolveChallengeAsync(new ResolveChallengeRequest { AwardId = id, Resolution = Text!.Trim() }, ChangeOptions());
            else
                await Awards.RecordChallengeAsync(new RecordChallengeRequest { AwardId = id, Supplier = Supplier!, Grounds = Text!.Trim() }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
        {
            ["supplier"] = ("supplier", "The bidder"),
            ["grounds"] = ("text", "The grounds"),
            ["resolution"] = ("text", "The resolution"),
        }))
        {
            return Page();
        }
        return RedirectDone(Resolving ? "resolved" : "challenged");
    }
}
