using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Award.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Pages.Tenders;

namespace Procurement.Web.Pages.Awards;

/// <summary>The commissioner extends the contract: a decision of its own (its reference), one or more steps of the allowance, at an annual value.</summary>
[Authorize(Roles = "commissioner")]
public sealed class ExtendModel(AwardService.AwardServiceClient awards, TenderService.TenderServiceClient tenders) : AwardPage(awards, tenders)
{
    public const int MaxLength = 5000;

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Months { get; set; }
    [BindProperty] public string? AnnualValue { get; set; }
    [BindProperty] public string? Comments { get; set; }

    public Contract Contract => Award.Contract ?? new Contract();

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        if (string.IsNullOrWhiteSpace(Reference)) AddError("reference", "Enter the extension decision's reference");
        else if (Reference.Trim().Length > 100) AddError("reference", "The reference must be 100 characters or fewer");
        if (!int.TryParse(Months, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var months) || months <= 0)
            AddError("months", "Enter the extension in whole months, for example 12");
        else if (months > Contract.RemainingAllowanceMonths)
            AddError("months", $"The extension must be {TenderText.Months(Contract.RemainingAllowanceMonths)} or fewer: that is what the allowance has left");
        var value = BidForm.ParsePounds(AnnualValue);
        if (value is null) AddError("annual-value", "Enter the annual value in pounds, for example 550,000");
        if ((Comments?.Trim().Length ?? 0) > MaxLength) AddError("comments", $"Your comments must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            await Awards.ExtendContractAsync(new ExtendContractRequest
            {
                AwardId = id, Reference = Reference!.Trim(), Months = months,
                AnnualValue = new Contracts.Common.V1.Money { MinorUnits = value!.Value, Currency = "GBP" },
                Comments = Comments?.Trim() ?? "",
            }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>
        {
            ["reference"] = ("reference", "The reference"),
            ["months"] = ("months", "The extension"),
            ["annual_value"] = ("annual-value", "The annual value"),
            ["comments"] = ("comments", "Your comments"),
        }))
        {
            return Page();
        }
        return Redirect($"/awards/{Uri.EscapeDataString(id)}?done=extended#contract");
    }
}
