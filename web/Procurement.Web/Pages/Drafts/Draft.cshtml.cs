using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Drafts;

/// <summary>
/// A draft tender as a task list (details, timetable, each commissioner's lot and its scoring), and its check-your-
/// answers page: publishing is refused while anything is missing, each problem shown with a link to where it is fixed.
/// </summary>
[Authorize(Roles = "procurement_officer")]
public sealed class DraftModel(TenderService.TenderServiceClient tenders) : DraftPage(tenders)
{
    public bool DetailsDone => Draft.Reference.Length > 0 && Draft.Title.Length > 0 && Draft.Regime != Regime.Unspecified;
    public bool TimetableDone => Draft.Timetable is { ClarificationDeadline: not null, SubmissionDeadline: not null };
    public static bool LotDone(Lot lot) => lot.Title.Length > 0 && lot.Specification.Length > 0 && lot.EstimatedAnnualValue is { MinorUnits: > 0 } && lot.ContractTerms is { StartDate.Year: > 0 };
    public static bool CriteriaDone(Lot lot) => lot.Evaluation is { Criteria.Count: > 0 };
    public bool AllDone => DetailsDone && TimetableDone && Draft.Lots.Count > 0 && Draft.Lots.All(l => LotDone(l) && CriteriaDone(l));

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        Version = Draft.Version;
        NewRequestId();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id) is { } elsewhere) return elsewhere;
        try
        {
            await Tenders.PublishAsync(new PublishRequest { TenderId = id, ExpectedVersion = Version }, ChangeOptions());
        }
        catch (RpcException refusal) when (refusal.StatusCode == Grpc.Core.StatusCode.Aborted)
        {
            AddError(null, "Someone else changed this tender while you were checking it. Check it again, then publish.");
            Version = Draft.Version;
            return Page();
        }
        catch (RpcException refusal) when (refusal.StatusCode is Grpc.Core.StatusCode.InvalidArgument or Grpc.Core.StatusCode.FailedPrecondition)
        {
            var violations = FieldViolations.Of(refusal);
            foreach (var violation in violations) AddError(WhereToFix(violation.Field), Describe(violation.Field, violation.Description));
            if (violations.Count == 0) AddError(null, refusal.Status.Detail);
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=published");
    }

    /// <summary>The page (and field) where a problem the service names is fixed.</summary>
    public string WhereToFix(string field)
    {
        var draft = $"/tenders/{Uri.EscapeDataString(Draft.Id)}/draft";
        if (field.StartsWith("timetable.submission", StringComparison.Ordinal)) return $"{draft}/timetable#submission-day";
        if (field.StartsWith("timetable", StringComparison.Ordinal)) return $"{draft}/timetable#clarification-day";
        if (LotOf(field) is { } lot)
        {
            var page = $"{draft}/lots/{Uri.EscapeDataString(lot.Id)}";
            var rest = field[(field.IndexOf(']', StringComparison.Ordinal) + 1)..];
            return rest switch
            {
                _ when rest.StartsWith(".evaluation", StringComparison.Ordinal) => $"{page}/criteria#criteria-0-id",
                ".title" => $"{page}#lot-title",
                ".specification" => $"{page}#specification",
                ".estimated_annual_value" => $"{page}#value",
                _ when rest.StartsWith(".contract_terms.start", StringComparison.Ordinal) => $"{page}#start-day",
                _ when rest.StartsWith(".contract_terms", StringComparison.Ordinal) => $"{page}#term",
                _ => page,
            };
        }
        return field switch
        {
            "title" => $"{draft}/details#title",
            "regime" => $"{draft}/details#regime",
            _ when field.StartsWith("commissioners", StringComparison.Ordinal) || field == "lots" => $"{draft}/details#commissioners",
            _ => $"{draft}/details#reference",
        };
    }

    /// <summary>
    /// The service's problem as a sentence about its part of the tender: "Kent's lot: the specification is required",
    /// "Set the clarification deadline" (an instruction is given as it is, a statement after what it is about).
    /// </summary>
    private string Describe(string field, string description)
    {
        var name = field[(field.LastIndexOf('.') + 1)..].Replace('_', ' ');
        if (name.Contains('[', StringComparison.Ordinal)) name = name[..name.IndexOf('[', StringComparison.Ordinal)];
        var firstWord = description.Split(' ', 2)[0];
        var sentence = firstWord is "set" or "add" or "choose" or "name" or "say" or "give" or "pass"
            ? char.ToUpperInvariant(description[0]) + description[1..]
            : $"The {name} {description}";
        return LotOf(field) is { } lot
            ? $"{Procurement.Web.Pages.Tenders.TenderText.Commissioner(lot.Commissioner)}'s lot: {char.ToLowerInvariant(sentence[0])}{sentence[1..]}"
            : sentence;
    }

    private Lot? LotOf(string field)
    {
        if (!field.StartsWith("lots[", StringComparison.Ordinal)) return null;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return int.TryParse(field[5..end], out var index) && index < Draft.Lots.Count ? Draft.Lots[index] : null;
    }
}
