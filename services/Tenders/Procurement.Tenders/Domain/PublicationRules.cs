namespace Procurement.Tenders.Domain;

/// <summary>
/// What must hold before a tender is published (and after each amendment). Every problem is
/// reported with the field it concerns, so the procurement team can fix them all in one go.
/// </summary>
public static class PublicationRules
{
    public const string Currency = "GBP";

    public static IReadOnlyList<Violation> Validate(TenderContent tender, DateTimeOffset now)
    {
        var violations = new List<Violation>();
        ValidateHeader(tender, violations);
        ValidateTimetable(tender.Timetable, now, violations);
        ValidateLots(tender, violations);
        return violations;
    }

    private static void ValidateHeader(TenderContent tender, List<Violation> violations)
    {
        Require(tender.Reference, "reference", violations);
        Require(tender.Title, "title", violations);
        if (tender.Regime == Regime.Unspecified)
            violations.Add(new("regime", "choose the regime: Procurement Act 2023 or PCR 2015"));
        if (tender.Commissioners.Count == 0)
            violations.Add(new("commissioners", "name at least one participating commissioner"));
        foreach (var duplicate in tender.Commissioners.GroupBy(c => c).Where(g => g.Count() > 1))
            violations.Add(new("commissioners", $"'{duplicate.Key}' is listed more than once"));
        for (var i = 0; i < tender.Commissioners.Count; i++)
            Require(tender.Commissioners[i], $"commissioners[{i}]", violations);
    }

    private static void ValidateTimetable(Timetable timetable, DateTimeOffset now, List<Violation> violations)
    {
        if (timetable.ClarificationDeadline is not { } clarification)
            violations.Add(new("timetable.clarification_deadline", "set the clarification deadline"));
        else if (clarification <= now)
            violations.Add(new("timetable.clarification_deadline", $"must be in the future (it is {clarification:u}, now is {now:u})"));

        if (timetable.SubmissionDeadline is not { } submission)
            violations.Add(new("timetable.submission_deadline", "set the submission deadline"));
        else if (submission <= now)
            violations.Add(new("timetable.submission_deadline", $"must be in the future (it is {submission:u}, now is {now:u})"));

        if (timetable is { ClarificationDeadline: { } c, SubmissionDeadline: { } s } && c >= s)
            violations.Add(new("timetable.clarification_deadline", $"must come before the submission deadline ({s:u})"));
    }

    private static void ValidateLots(TenderContent tender, List<Violation> violations)
    {
        if (tender.Lots.Count == 0)
        {
            violations.Add(new("lots", "add at least one lot"));
            return;
        }
        foreach (var duplicate in tender.Lots.Where(l => !string.IsNullOrWhiteSpace(l.Id)).GroupBy(l => l.Id).Where(g => g.Count() > 1))
            violations.Add(new("lots", $"lot id '{duplicate.Key}' is used more than once"));

        var participants = tender.Commissioners.ToHashSet();
        foreach (var commissioner in participants.Where(c => !string.IsNullOrWhiteSpace(c) && tender.Lots.All(l => l.Commissioner != c)))
            violations.Add(new("lots", $"commissioner '{commissioner}' owns no lot; each participating commissioner needs at least one"));

        for (var i = 0; i < tender.Lots.Count; i++)
        {
            var lot = tender.Lots[i];
            var path = $"lots[{i}]";
            Require(lot.Id, $"{path}.id", violations);
            Require(lot.Title, $"{path}.title", violations);
            Require(lot.Specification, $"{path}.specification", violations);
            if (!string.IsNullOrWhiteSpace(lot.Commissioner) && !participants.Contains(lot.Commissioner))
                violations.Add(new($"{path}.commissioner", $"'{lot.Commissioner}' is not a participating commissioner of this tender"));
            else
                Require(lot.Commissioner, $"{path}.commissioner", violations);
            ValidateValue(lot.EstimatedAnnualValue, $"{path}.estimated_annual_value", violations);
            ValidateTerms(lot.Terms, tender.Timetable.SubmissionDeadline, $"{path}.contract_terms", violations);
            EvaluationRules.Validate(lot.Evaluation, $"{path}.evaluation", violations);
        }
    }

    private static void ValidateValue(Money? value, string path, List<Violation> violations)
    {
        if (value is not { } money)
            violations.Add(new(path, "set the estimated annual value"));
        else if (money.MinorUnits <= 0)
            violations.Add(new(path, "must be more than zero"));
        else if (money.Currency != Currency)
            violations.Add(new(path, $"currency must be {Currency}, not '{money.Currency}'"));
    }

    private static void ValidateTerms(ContractTerms? terms, DateTimeOffset? submissionDeadline, string path, List<Violation> violations)
    {
        if (terms is null)
        {
            violations.Add(new(path, "set the contract terms"));
            return;
        }
        if (terms.StartDate is not { } start)
            violations.Add(new($"{path}.start_date", "set the contract start date"));
        else if (submissionDeadline is { } deadline && start <= DateOnly.FromDateTime(deadline.UtcDateTime))
            violations.Add(new($"{path}.start_date", $"must be after the submission deadline ({deadline:yyyy-MM-dd})"));
        if (terms.InitialTermMonths <= 0)
            violations.Add(new($"{path}.initial_term_months", "must be at least 1 month"));
        if (terms.ExtensionAllowanceMonths < 0)
            violations.Add(new($"{path}.extension_allowance_months", "cannot be negative"));
        if (terms.ExtensionAllowanceMonths > 0)
        {
            if (terms.ExtensionStepMonths <= 0)
                violations.Add(new($"{path}.extension_step_months", "set the step in which extensions are taken (e.g. 12 months)"));
            else if (terms.ExtensionAllowanceMonths % terms.ExtensionStepMonths != 0)
                violations.Add(new($"{path}.extension_allowance_months",
                    $"{terms.ExtensionAllowanceMonths} months cannot be taken in whole steps of {terms.ExtensionStepMonths} months"));
        }
    }

    internal static void Require(string? value, string path, List<Violation> violations)
    {
        if (string.IsNullOrWhiteSpace(value)) violations.Add(new(path, "is required"));
    }
}
