using Procurement.Tenders.Domain;

namespace Procurement.Tenders.Tests.Domain;

/// <summary>
/// The joint tender of ../shared/seeds/002: Kent PCC and Essex PFCC through 7F Commercial, one lot
/// each, with their own specifications, criteria and terms.
/// </summary>
public static class SeedCase
{
    public static readonly DateTimeOffset Now = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public static TenderContent JointTender() => new(
        Reference: "7F-2022-VAS-001",
        Title: "Victims' advocacy and support service",
        Description: "One procurement for Kent PCC and Essex PFCC; one lot each.",
        Commissioners: ["kent", "essex"],
        Regime: Regime.Pcr2015,
        LightTouch: true,
        Timetable: new(new DateTimeOffset(2022, 10, 14, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 10, 31, 12, 0, 0, TimeSpan.Zero)),
        Lots: [KentLot(), EssexLot()]);

    /// <summary>Kent: 48 months from 1 April 2023, up to 36 months more in 12-month steps, £1,000,000 a year.</summary>
    public static LotDefinition KentLot() => new(
        Id: "kent",
        Commissioner: "kent",
        Title: "Kent victims' advocacy and support",
        Specification: "Needs assessment, advocacy and emotional support for victims of crime in Kent.",
        EstimatedAnnualValue: new Money(1_000_000_00, "GBP"),
        Terms: new ContractTerms(new DateOnly(2023, 4, 1), 48, 36, 12),
        Evaluation: new EvaluationModel(
        [
            new Criterion("Q1", CriterionKind.Quality, "Service delivery model", 30),
            new Criterion("Q2", CriterionKind.Quality, "Partnership working", 20),
            new Criterion("Q3", CriterionKind.Quality, "Mobilisation", 10),
            new Criterion("SV1", CriterionKind.SocialValue, "Social value", 10),
            new Criterion("PRICE", CriterionKind.Price, "Annual price", 30),
        ], QualityScale.Default, MinimumQualityPercent: 50));

    /// <summary>Essex: 3 years from 1 April 2023 with up to two 12-month extensions.</summary>
    public static LotDefinition EssexLot() => new(
        Id: "essex",
        Commissioner: "essex",
        Title: "Essex victims' support and coordination",
        Specification: "Support for victims of crime in Essex, with a coordinator role.",
        EstimatedAnnualValue: new Money(550_000_00, "GBP"),
        Terms: new ContractTerms(new DateOnly(2023, 4, 1), 36, 24, 12),
        Evaluation: new EvaluationModel(
        [
            new Criterion("Q1", CriterionKind.Quality, "Quality of service", 60),
            new Criterion("PRICE", CriterionKind.Price, "Annual price", 40),
        ], QualityScale.Default, MinimumQualityPercent: null));
}
