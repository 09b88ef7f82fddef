using Google.Protobuf.WellKnownTypes;
using Procurement.Tenders.Domain;
using Common = Procurement.Contracts.Common.V1;
using V1 = Procurement.Contracts.Tender.V1;

namespace Procurement.Tenders.Grpc;

/// <summary>
/// Proto content → domain content. Unset messages become null (the publication rules name them);
/// what cannot be represented at all (an impossible date) is collected as violations.
/// </summary>
internal static class ContentMapping
{
    public static TenderContent ToDomain(V1.TenderContent? content)
    {
        content ??= new V1.TenderContent();
        var violations = new List<Violation>();
        var result = new TenderContent(
            content.Reference, content.Title, content.Description, [.. content.Commissioners],
            ToDomain(content.Regime), content.LightTouch,
            new Timetable(ToInstant(content.Timetable?.ClarificationDeadline), ToInstant(content.Timetable?.SubmissionDeadline)),
            [.. content.Lots.Select((lot, i) => ToDomain(lot, $"lots[{i}]", violations))]);
        if (violations.Count > 0) throw DomainException.Invalid(violations);
        return result;
    }

    private static LotDefinition ToDomain(V1.Lot lot, string path, List<Violation> violations) => new(
        lot.Id, lot.Commissioner, lot.Title, lot.Specification,
        lot.EstimatedAnnualValue is { } value ? new Money(value.MinorUnits, value.Currency) : null,
        lot.ContractTerms is { } terms
            ? new ContractTerms(ToDate(terms.StartDate, $"{path}.contract_terms.start_date", violations),
                terms.InitialTermMonths, terms.ExtensionAllowanceMonths, terms.ExtensionStepMonths)
            : null,
        lot.Evaluation is { } evaluation ? ToDomain(evaluation) : null);

    private static EvaluationModel ToDomain(V1.EvaluationModel model) => new(
        [.. model.Criteria.Select(c => new Criterion(c.Id, ToDomain(c.Kind), c.Title, c.WeightPercent, c.Guidance))],
        model.QualityScale is { } scale
            ? new QualityScale(scale.Minimum, scale.Maximum, [.. scale.Descriptors.Select(d => new ScoreDescriptor(d.Score, d.Description))])
            : QualityScale.Default,
        model.HasMinimumQualityPercent ? model.MinimumQualityPercent : null);

    private static DateTimeOffset? ToInstant(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();

    private static DateOnly? ToDate(Common.Date? date, string path, List<Violation> violations)
    {
        if (date is null) return null;
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            violations.Add(new(path, $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2} is not a calendar date"));
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    public static Regime ToDomain(V1.Regime regime) => regime switch
    {
        V1.Regime.ProcurementAct2023 => Regime.ProcurementAct2023,
        V1.Regime.Pcr2015 => Regime.Pcr2015,
        _ => Regime.Unspecified,
    };

    public static CriterionKind ToDomain(V1.CriterionKind kind) => kind switch
    {
        V1.CriterionKind.Quality => CriterionKind.Quality,
        V1.CriterionKind.Price => CriterionKind.Price,
        V1.CriterionKind.SocialValue => CriterionKind.SocialValue,
        _ => CriterionKind.Unspecified,
    };
}
