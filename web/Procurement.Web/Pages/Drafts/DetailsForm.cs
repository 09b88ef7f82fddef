using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Drafts;

/// <summary>
/// The tender's details (reference, title, description, regime, light touch, the commissioners taking part), asked
/// when a tender is created and when its draft is changed. Each commissioner taking part has one lot.
/// </summary>
public abstract class DetailsForm(TenderService.TenderServiceClient tenders) : DraftPage(tenders)
{
    public const int TitleMaxLength = 300, DescriptionMaxLength = 20000, ReferenceMaxLength = 100;

    public static readonly IReadOnlyDictionary<string, (string Id, string Label)> Fields = new Dictionary<string, (string, string)>
    {
        ["reference"] = ("reference", "The reference"),
        ["title"] = ("title", "The title"),
        ["description"] = ("description", "The description"),
        ["regime"] = ("regime", "The regime:"),
        ["commissioners"] = ("commissioners", "The commissioners:"),
    };

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? TenderTitle { get; set; }
    [BindProperty] public string? Description { get; set; }
    /// <summary>"pa2023" or "pcr2015".</summary>
    [BindProperty] public string? Regime { get; set; }
    [BindProperty] public bool LightTouch { get; set; }
    /// <summary>Commissioner ids, separated by commas or spaces.</summary>
    [BindProperty] public string? Commissioners { get; set; }

    public IReadOnlyList<string> CommissionerIds =>
        (Commissioners ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant()).Distinct().ToList();

    protected void Show(Tender tender)
    {
        (Reference, TenderTitle, Description, LightTouch) = (tender.Reference, tender.Title, tender.Description, tender.LightTouch);
        Regime = tender.Regime switch { Contracts.Tender.V1.Regime.ProcurementAct2023 => "pa2023", Contracts.Tender.V1.Regime.Pcr2015 => "pcr2015", _ => null };
        Commissioners = string.Join(", ", tender.Commissioners);
    }

    /// <summary>Checks the answers; true when there is nothing to fix.</summary>
    protected bool Check()
    {
        if (string.IsNullOrWhiteSpace(Reference)) AddError("reference", "Enter the tender's reference, for example 7F-2022-VICTIMS-001");
        else if (Reference.Trim().Length > ReferenceMaxLength) AddError("reference", $"The reference must be {ReferenceMaxLength} characters or fewer");
        if (string.IsNullOrWhiteSpace(TenderTitle)) AddError("title", "Enter the tender's title");
        else if (TenderTitle.Trim().Length > TitleMaxLength) AddError("title", $"The title must be {TitleMaxLength} characters or fewer");
        if ((Description?.Trim().Length ?? 0) > DescriptionMaxLength) AddError("description", $"The description must be {DescriptionMaxLength:N0} characters or fewer");
        if (Regime is not ("pa2023" or "pcr2015")) AddError("regime", "Select the regime the tender is run under");
        if (CommissionerIds.Count == 0) AddError("commissioners", "Enter the commissioners taking part, for example kent, essex");
        else if (CommissionerIds.FirstOrDefault(c => !c.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')) is { } bad)
            AddError("commissioners", $"'{bad}' is not a commissioner ID: use lower-case letters, digits and hyphens, for example kent");
        return Errors.Count == 0;
    }

    /// <summary>The content with these details: a lot kept for each commissioner still taking part, a new empty one for each new.</summary>
    protected TenderContent Apply(TenderContent content)
    {
        content.Reference = Reference!.Trim();
        content.Title = TenderTitle!.Trim();
        content.Description = Description?.Trim() ?? "";
        content.Regime = Regime == "pa2023" ? Contracts.Tender.V1.Regime.ProcurementAct2023 : Contracts.Tender.V1.Regime.Pcr2015;
        content.LightTouch = LightTouch;
        var kept = content.Lots.Where(l => CommissionerIds.Contains(l.Commissioner)).ToList();
        foreach (var commissioner in CommissionerIds.Where(c => kept.All(l => l.Commissioner != c)))
            kept.Add(new Lot { Id = commissioner, Commissioner = commissioner });
        content.Commissioners.Clear();
        content.Commissioners.AddRange(CommissionerIds);
        content.Lots.Clear();
        content.Lots.AddRange(kept.OrderBy(l => CommissionerIds.ToList().IndexOf(l.Commissioner)));
        return content;
    }
}
