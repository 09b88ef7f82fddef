using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Faults.Tests;

/// <summary>The joint tender of the seed case (Kent and Essex, one lot each) on a short timetable, and complete bids for both lots.</summary>
public static class Workload
{
    public static readonly string[] Lots = ["kent", "essex"];

    public static TenderContent Tender(string reference, DateTimeOffset now, DateTimeOffset submissionDeadline)
    {
        var start = submissionDeadline.AddDays(60);
        var content = new TenderContent
        {
            Reference = reference,
            Title = "Victims' advocacy and support service (fault suite)",
            Description = "One procurement for Kent PCC and Essex PFCC; one lot each. Made by the fault suite.",
            Regime = Regime.Pcr2015,
            LightTouch = true,
            Timetable = new Timetable
            {
                ClarificationDeadline = Timestamp.FromDateTimeOffset(now + (submissionDeadline - now) / 2),
                SubmissionDeadline = Timestamp.FromDateTimeOffset(submissionDeadline),
            },
        };
        content.Commissioners.AddRange(Lots);
        foreach (var (lot, criteria) in new[] { ("kent", new[] { ("Q1", 40), ("Q2", 30) }), ("essex", new[] { ("Q1", 70) }) })
        {
            var model = new EvaluationModel();
            model.Criteria.AddRange(criteria.Select(c => new Criterion { Id = c.Item1, Kind = CriterionKind.Quality, Title = c.Item1, WeightPercent = c.Item2 }));
            model.Criteria.Add(new Criterion { Id = "PRICE", Kind = CriterionKind.Price, Title = "Price", WeightPercent = 100 - criteria.Sum(c => c.Item2) });
            content.Lots.Add(new Lot
            {
                Id = lot,
                Commissioner = lot,
                Title = $"Victims' support in {lot}",
                Specification = $"Advocacy and support for victims of crime in {lot}.",
                EstimatedAnnualValue = new Common.Money { MinorUnits = 500_000_00, Currency = "GBP" },
                ContractTerms = new ContractTerms
                {
                    StartDate = new Common.Date { Year = start.Year, Month = start.Month, Day = start.Day },
                    InitialTermMonths = 36,
                    ExtensionAllowanceMonths = 24,
                    ExtensionStepMonths = 12,
                },
                Evaluation = model,
            });
        }
        return content;
    }

    public static Caller Supplier(string organisation) =>
        new($"p-{organisation}", $"Bidder {organisation}", organisation, null, new HashSet<Role> { Role.Supplier });

    /// <summary>A bid for both lots, its prices particular to the supplier.</summary>
    public static SubmitBidRequest Bid(string tenderId, int supplier)
    {
        var request = new SubmitBidRequest
        {
            TenderId = tenderId,
            Declarations = new Declarations { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true },
        };
        foreach (var lot in Lots)
        {
            var offer = new LotOffer { LotId = lot, AnnualPrice = new Common.Money { MinorUnits = 450_000_00 + supplier * 100, Currency = "GBP" } };
            var criteria = lot == "kent" ? new[] { "Q1", "Q2" } : ["Q1"];
            offer.Responses.AddRange(criteria.Select(c => new CriterionResponse { CriterionId = c, Text = $"Supplier {supplier}'s answer to {c} for {lot}." }));
            request.Offers.Add(offer);
        }
        return request;
    }
}
