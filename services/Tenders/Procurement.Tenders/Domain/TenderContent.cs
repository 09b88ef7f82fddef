namespace Procurement.Tenders.Domain;

public enum Regime
{
    Unspecified,
    ProcurementAct2023,
    Pcr2015,
}

public enum CriterionKind
{
    Unspecified,
    Quality,
    Price,
    SocialValue,
}

/// <summary>An amount in integer minor units (pence for GBP).</summary>
public readonly record struct Money(long MinorUnits, string Currency);

public sealed record Timetable(DateTimeOffset? ClarificationDeadline, DateTimeOffset? SubmissionDeadline);

public sealed record ScoreDescriptor(int Score, string Description);

/// <summary>The scale evaluators score on; 0-5 unless the tender says otherwise.</summary>
public sealed record QualityScale(int Minimum, int Maximum, IReadOnlyList<ScoreDescriptor> Descriptors)
{
    public static QualityScale Default { get; } = new(0, 5,
    [
        new(0, "No response, or the response fails the requirement"),
        new(1, "Poor: major concerns about meeting the requirement"),
        new(2, "Weak: some concerns about meeting the requirement"),
        new(3, "Satisfactory: meets the requirement"),
        new(4, "Good: meets the requirement with some added value"),
        new(5, "Excellent: fully meets the requirement with evidence and added value"),
    ]);
}

/// <summary>A criterion of a lot; Guidance tells suppliers what a good answer covers (no rule depends on it).</summary>
public sealed record Criterion(string Id, CriterionKind Kind, string Title, int WeightPercent, string Guidance = "");

public sealed record EvaluationModel(IReadOnlyList<Criterion> Criteria, QualityScale Scale, int? MinimumQualityPercent);

/// <summary>An initial term, and extensions of up to AllowanceMonths in steps of StepMonths (e.g. 4 years + 3 × 12 months).</summary>
public sealed record ContractTerms(DateOnly? StartDate, int InitialTermMonths, int ExtensionAllowanceMonths, int ExtensionStepMonths);

/// <summary>One commissioner's part of the tender, with its own specification, evaluation and contract terms.</summary>
public sealed record LotDefinition(
    string Id, string Commissioner, string Title, string Specification,
    Money? EstimatedAnnualValue, ContractTerms? Terms, EvaluationModel? Evaluation);

/// <summary>What the procurement team writes: the tender before and between publications.</summary>
public sealed record TenderContent(
    string Reference, string Title, string Description, IReadOnlyList<string> Commissioners,
    Regime Regime, bool LightTouch, Timetable Timetable, IReadOnlyList<LotDefinition> Lots);
