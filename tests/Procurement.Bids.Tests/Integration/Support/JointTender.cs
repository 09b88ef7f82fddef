using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Events;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Bids.Tests.Integration.Support;

/// <summary>The Kent + Essex tender of the seed case as the bid service learns it (tender events), and bids for it.</summary>
public static class JointTender
{
    public static readonly DateTimeOffset PublishedAt = new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClarificationDeadline = new(2022, 10, 14, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SubmissionDeadline = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<LotSummary> Lots { get; } =
    [
        new("kent", "kent", "Kent victims' advocacy and support",
            [new("Q1", "quality", 30), new("Q2", "quality", 20), new("Q3", "quality", 10), new("SV1", "social_value", 10), new("PRICE", "price", 30)]),
        new("essex", "essex", "Essex victims' support and coordination", [new("Q1", "quality", 60), new("PRICE", "price", 40)]),
    ];

    public static TenderPublished Published(Guid tenderId, DateTimeOffset? deadline = null) => new(
        tenderId, "7F-2022-VAS-001", "Victims' advocacy and support service", "7f-commercial", ["kent", "essex"],
        ClarificationDeadline, deadline ?? SubmissionDeadline, Lots, 1, PublishedAt);

    /// <summary>The same tender as the tender service's GetTender answers it once published.</summary>
    public static Procurement.Contracts.Tender.V1.Tender AsPublished(Guid tenderId, Procurement.Contracts.Tender.V1.TenderStatus status = Procurement.Contracts.Tender.V1.TenderStatus.Published)
    {
        var tender = new Procurement.Contracts.Tender.V1.Tender
        {
            Id = tenderId.ToString(), Reference = "7F-2022-VAS-001", Status = status, Revision = status == Procurement.Contracts.Tender.V1.TenderStatus.Draft ? 0 : 1,
            Timetable = new Procurement.Contracts.Tender.V1.Timetable
            {
                ClarificationDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(ClarificationDeadline),
                SubmissionDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(SubmissionDeadline),
            },
        };
        foreach (var lot in Lots)
        {
            var model = new Procurement.Contracts.Tender.V1.EvaluationModel();
            model.Criteria.AddRange(lot.Criteria.Select(c => new Procurement.Contracts.Tender.V1.Criterion
            {
                Id = c.CriterionId, WeightPercent = c.WeightPercent,
                Kind = c.Kind switch
                {
                    "quality" => Procurement.Contracts.Tender.V1.CriterionKind.Quality,
                    "social_value" => Procurement.Contracts.Tender.V1.CriterionKind.SocialValue,
                    _ => Procurement.Contracts.Tender.V1.CriterionKind.Price,
                },
            }));
            tender.Lots.Add(new Procurement.Contracts.Tender.V1.Lot
            {
                Id = lot.LotId, Commissioner = lot.Commissioner, Title = lot.Title, Evaluation = model,
                Status = Procurement.Contracts.Tender.V1.LotStatus.Active,
            });
        }
        return tender;
    }

    public static TenderClosed Closed(Guid tenderId, params string[] activeLots) =>
        new(tenderId, activeLots.Length == 0 ? ["kent", "essex"] : activeLots, SubmissionDeadline);

    /// <summary>A complete offer for a lot: a price and an answer to each quality and social-value criterion.</summary>
    public static LotOffer Offer(string lotId, long annualPricePence)
    {
        var offer = new LotOffer { LotId = lotId, AnnualPrice = new Common.Money { MinorUnits = annualPricePence, Currency = "GBP" } };
        foreach (var criterion in Lots.Single(l => l.LotId == lotId).Criteria.Where(c => c.Kind != "price"))
            offer.Responses.Add(new CriterionResponse { CriterionId = criterion.CriterionId, Text = $"Our answer to {criterion.CriterionId} for {lotId}." });
        return offer;
    }

    public static Declarations AllDeclared() => new() { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true };

    public static SubmitBidRequest Bid(Guid tenderId, params LotOffer[] offers)
    {
        var request = new SubmitBidRequest { TenderId = tenderId.ToString(), Declarations = AllDeclared() };
        request.Offers.AddRange(offers);
        return request;
    }
}
