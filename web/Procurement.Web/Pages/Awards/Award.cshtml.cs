using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Gateway;

namespace Procurement.Web.Pages.Awards;

/// <summary>
/// One lot's award: the recommendation from its panel's ranking, the Record of Decision and its signatures in order,
/// standstill and challenges, and the contract with its term. Entering into the contract is this page's own form.
/// </summary>
[Authorize(Roles = "commissioning_officer,finance_officer,chief_executive,commissioner,procurement_officer")]
public sealed class AwardModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders, SuiteClock clock)
    : AwardPage(awards, tenders)
{
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public ContractTerm? Term { get; private set; }

    public bool IsCommissioningOfficer => User.IsInRole("commissioning_officer");

    public bool MayDraft => IsCommissioningOfficer && Award.Stage is Stage.Recommended or Stage.Refused && Award.Signatures.Count == 0;

    public bool MaySign => AwardText.SignsAs(User) is { } role && role == Award.NextSignatory && Award.Stage is Stage.Recommended;

    public bool MayChallenge => (IsCommissioningOfficer || User.IsInRole("procurement_officer")) && Award.Stage is Stage.Standstill or Stage.Suspended;

    public bool MayEnterContract => IsCommissioningOfficer && Award.Stage == Stage.ReadyToContract;

    public bool MayExtend => User.IsInRole("commissioner") && Award.Contract is { RemainingAllowanceMonths: > 0 };

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        if (Award.Contract is { Id.Length: > 0 } contract) Term = ContractTerm.Of(contract, clock.GetUtcNow());
        NewRequestId();
    }

    public async Task<IActionResult> OnPostContractAsync(string id)
    {
        try
        {
            await Awards.EnterContractAsync(new EnterContractRequest { AwardId = id }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>()))
        {
            await OnGetAsync(id);
            return Page();
        }
        return Redirect($"/awards/{Uri.EscapeDataString(id)}?done=contracted#contract");
    }
}
