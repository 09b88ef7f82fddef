using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;
using Procurement.Web.Pages.Tenders;

namespace Procurement.Web.Pages.Drafts;

/// <summary>One commissioner's lot of a draft tender: what is bought (specification), its estimated value and the contract's terms.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class LotModel(TenderService.TenderServiceClient tenders) : DraftPage(tenders)
{
    public const int TitleMaxLength = 300, SpecificationMaxLength = 50000;

    [BindProperty] public string? LotTitle { get; set; }
    [BindProperty] public string? Specification { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public UkDate Start { get; set; } = new();
    [BindProperty] public string? Term { get; set; }
    [BindProperty] public string? Allowance { get; set; }
    [BindProperty] public string? Step { get; set; }

    public Lot Lot { get; private set; } = new();
    public int Index { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string lotId)
    {
        if (await LoadLotAsync(id, lotId) is { } elsewhere) return elsewhere;
        LotTitle = Lot.Title;
        Specification = Lot.Specification;
        Value = Lot.EstimatedAnnualValue is { MinorUnits: > 0 } money ? (money.MinorUnits / 100m).ToString("#,##0.##", CultureInfo.InvariantCulture) : null;
        var terms = Lot.ContractTerms;
        Start = UkDate.Of(terms?.StartDate is { Year: > 0 } d ? new DateOnly(d.Year, d.Month, d.Day) : null);
        Term = terms is { InitialTermMonths: > 0 } ? terms.InitialTermMonths.ToString(CultureInfo.InvariantCulture) : null;
        Allowance = terms?.ExtensionAllowanceMonths.ToString(CultureInfo.InvariantCulture) ?? "0";
        Step = terms is { ExtensionStepMonths: > 0 } ? terms.ExtensionStepMonths.ToString(CultureInfo.InvariantCulture) : null;
        Version = Draft.Version;
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string lotId)
    {
        if (await LoadLotAsync(id, lotId) is { } elsewhere) return elsewhere;
        if (string.IsNullOrWhiteSpace(LotTitle)) AddError("lot-title", "Enter the lot's title");
        else if (LotTitle.Trim().Length > TitleMaxLength) AddError("lot-title", $"The title must be {TitleMaxLength} characters or fewer");
        if (string.IsNullOrWhiteSpace(Specification)) AddError("specification", "Enter the specification: what the supplier is to provide");
        else if (Specification.Trim().Length > SpecificationMaxLength) AddError("specification", $"The specification must be {SpecificationMaxLength:N0} characters or fewer");
        var value = BidForm.ParsePounds(Value);
        if (value is not > 0) AddError("value", "Enter the estimated annual value in pounds, for example 500,000");
        if (Start.Date is not { } start) AddError("start-day", Start.IsBlank ? "Enter the date the contract starts" : "The start date must be a real date, for example 1 4 2023");
        var term = Months(Term, "term", "the initial term", required: true);
        var allowance = Months(Allowance, "allowance", "the extensions allowed", required: false) ?? 0;
        var step = Months(Step, "step", "each extension step", required: allowance > 0);
        if (Errors.Count > 0) return Page();

        var content = ContentOf(Draft);
        var lot = content.Lots[Index];
        lot.Title = LotTitle!.Trim();
        lot.Specification = Specification!.Trim();
        lot.EstimatedAnnualValue = new Contracts.Common.V1.Money { MinorUnits = value!.Value, Currency = "GBP" };
        var date = Start.Date!.Value;
        lot.ContractTerms = new ContractTerms
        {
            StartDate = new Contracts.Common.V1.Date { Year = date.Year, Month = date.Month, Day = date.Day },
            InitialTermMonths = term!.Value, ExtensionAllowanceMonths = allowance, ExtensionStepMonths = step ?? 0,
        };
        var path = $"lots[{Index}]";
        return await SaveAsync(content, new Dictionary<string, (string, string)>
        {
            [$"{path}.title"] = ("lot-title", "The title"),
            [$"{path}.specification"] = ("specification", "The specification"),
            [$"{path}.estimated_annual_value"] = ("value", "The estimated annual value"),
            [$"{path}.contract_terms"] = ("term", "The contract's terms:"),
            [$"{path}.contract_terms.start_date"] = ("start-day", "The start date"),
            [$"{path}.contract_terms.initial_term_months"] = ("term", "The initial term"),
            [$"{path}.contract_terms.extension_allowance_months"] = ("allowance", "The extensions allowed"),
            [$"{path}.contract_terms.extension_step_months"] = ("step", "The extension step"),
        }) ? ToTaskList() : Page();
    }

    private int? Months(string? text, string id, string what, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) AddError(id, $"Enter {what} in months");
            return null;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) || months > 600)
        {
            AddError(id, $"Enter {what} as a whole number of months, 600 or fewer");
            return null;
        }
        if (required && months == 0) AddError(id, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be at least 1 month");
        return months;
    }

    private async Task<IActionResult?> LoadLotAsync(string id, string lotId)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Index = Draft.Lots.ToList().FindIndex(l => l.Id == lotId);
        if (Index < 0) throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such lot."));
        Lot = Draft.Lots[Index];
        return null;
    }
}
