using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.EndToEnd.Tests;

/// <summary>The seed case (../shared/seeds/002), as the people in it send it: 7F Commercial's joint tender, and bids for it.</summary>
public static class KentAndEssex
{
    public static readonly DateTimeOffset Now = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClarificationDeadline = new(2022, 10, 14, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SubmissionDeadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    public static Caller Officer { get; } = new("p-ola", "Ola Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });
    public static Caller VictimSupport { get; } = Supplier("victim-support");
    public static Caller Catch22 { get; } = Supplier("catch-22");
    public static Caller KentEvaluator { get; } = new("p-kim", "Kim Evaluator", "kent-opcc", "kent", new HashSet<Role> { Role.Evaluator });
    public static Caller KentOfficer { get; } = new("p-kit", "Kit Commissioning", "kent-opcc", "kent", new HashSet<Role> { Role.CommissioningOfficer });
    public static Caller KentChair { get; } = new("p-kchair", "Kate Chair", "kent-opcc", "kent", new HashSet<Role> { Role.Evaluator });
    public static Caller KentForce { get; } = new("p-kforce", "Kerry Force", "kent-police", "kent", new HashSet<Role> { Role.Evaluator });
    public static Caller KentFinance { get; } = new("p-kcfo", "Chief Finance Officer (Kent)", "kent-opcc", "kent", new HashSet<Role> { Role.FinanceOfficer });
    public static Caller KentChiefExecutive { get; } = new("p-kceo", "Chief Executive (Kent)", "kent-opcc", "kent", new HashSet<Role> { Role.ChiefExecutive });
    public static Caller KentCommissioner { get; } = new("p-kpcc", "Police and Crime Commissioner for Kent", "kent-opcc", "kent", new HashSet<Role> { Role.Commissioner });
    public static Caller EssexOfficer { get; } = new("p-eo", "Eve Commissioning", "essex-pfcc", "essex", new HashSet<Role> { Role.CommissioningOfficer });
    public static Caller EssexChair { get; } = new("p-echair", "Ezra Chair", "essex-pfcc", "essex", new HashSet<Role> { Role.Evaluator });
    public static Caller EssexFinance { get; } = new("p-ecfo", "Chief Finance Officer (Essex)", "essex-pfcc", "essex", new HashSet<Role> { Role.FinanceOfficer });
    public static Caller EssexChiefExecutive { get; } = new("p-eceo", "Chief Executive (Essex)", "essex-pfcc", "essex", new HashSet<Role> { Role.ChiefExecutive });
    public static Caller EssexCommissioner { get; } = new("p-epfcc", "Police, Fire and Crime Commissioner for Essex", "essex-pfcc", "essex", new HashSet<Role> { Role.Commissioner });
    public static Caller EssexEvaluator { get; } = new("p-eve", "Eve Evaluator", "essex-pfcc", "essex", new HashSet<Role> { Role.Evaluator });

    public static Caller Supplier(string organisation) =>
        new($"p-{organisation}", $"Bidder for {organisation}", organisation, null, new HashSet<Role> { Role.Supplier });

    public static TenderContent Tender(DateTimeOffset? submissionDeadline = null)
    {
        var content = new TenderContent
        {
            Reference = "7F-2022-VAS-001",
            Title = "Victims' advocacy and support service",
            Description = "One procurement for Kent PCC and Essex PFCC; one lot each.",
            Regime = Regime.Pcr2015,
            LightTouch = true,
            Timetable = new Timetable
            {
                ClarificationDeadline = Timestamp.FromDateTimeOffset(ClarificationDeadline),
                SubmissionDeadline = Timestamp.FromDateTimeOffset(submissionDeadline ?? SubmissionDeadline),
            },
        };
        content.Commissioners.AddRange(["kent", "essex"]);
        content.Lots.Add(Lot("kent", "Kent victims' advocacy and support", 1_000_000_00, 48, 36,
            [("Q1", CriterionKind.Quality, 30), ("Q2", CriterionKind.Quality, 20), ("Q3", CriterionKind.Quality, 10),
             ("SV1", CriterionKind.SocialValue, 10), ("PRICE", CriterionKind.Price, 30)]));
        content.Lots.Add(Lot("essex", "Essex victims' support and coordination", 550_000_00, 36, 24,
            [("Q1", CriterionKind.Quality, 60), ("PRICE", CriterionKind.Price, 40)]));
        return content;
    }

    /// <summary>A complete bid: a price for each lot and an answer to each of its quality and social-value criteria.</summary>
    public static SubmitBidRequest Bid(string tenderId, params (string Lot, long PricePence)[] lots)
    {
        var request = new SubmitBidRequest
        {
            TenderId = tenderId,
            Declarations = new Declarations { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true },
        };
        foreach (var (lot, price) in lots)
        {
            var offer = new LotOffer { LotId = lot, AnnualPrice = new Common.Money { MinorUnits = price, Currency = "GBP" } };
            var criteria = lot == "kent" ? new[] { "Q1", "Q2", "Q3", "SV1" } : ["Q1"];
            offer.Responses.AddRange(criteria.Select(c => new CriterionResponse { CriterionId = c, Text = $"Our response to {c} for the {lot} lot." }));
            request.Offers.Add(offer);
        }
        return request;
    }

    private static Lot Lot(string commissioner, string title, long estimatePence, int termMonths, int extensionMonths,
        (string Id, CriterionKind Kind, int Weight)[] criteria)
    {
        var lot = new Lot
        {
            Id = commissioner,
            Commissioner = commissioner,
            Title = title,
            Specification = $"Advocacy and support for victims of crime in {commissioner}.",
            EstimatedAnnualValue = new Common.Money { MinorUnits = estimatePence, Currency = "GBP" },
            ContractTerms = new ContractTerms
            {
                StartDate = new Common.Date { Year = 2023, Month = 4, Day = 1 },
                InitialTermMonths = termMonths,
                ExtensionAllowanceMonths = extensionMonths,
                ExtensionStepMonths = 12,
            },
            Evaluation = new EvaluationModel(),
        };
        if (commissioner == "kent") lot.Evaluation.MinimumQualityPercent = 50;   // Kent excludes bids below half the quality marks
        lot.Evaluation.Criteria.AddRange(criteria.Select(c => new Criterion { Id = c.Id, Kind = c.Kind, Title = c.Id, WeightPercent = c.Weight }));
        return lot;
    }
}
