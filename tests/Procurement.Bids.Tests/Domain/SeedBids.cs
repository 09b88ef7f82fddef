using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

/// <summary>Victim Support's bid for the Kent lot of the seed case.</summary>
public static class SeedBids
{
    public static readonly Guid TenderId = Guid.Parse("6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a10");
    public static readonly Guid BidId = Guid.Parse("b7e0c1d2-3a4b-4c5d-8e9f-a0b1c2d3e4f5");

    public static BidVersion VictimSupport() => new(
        BidId, 1, TenderId, "victim-support", new DateTimeOffset(2022, 10, 30, 16, 45, 0, TimeSpan.Zero),
        [
            new LotOffer("kent", new Money(1_000_000_00, "GBP"),
            [
                new CriterionResponse("Q1", "A hub-and-spoke model across Kent's districts."),
                new CriterionResponse("Q2", "Joint working with Kent Police and partners."),
            ]),
        ],
        new Declarations(true, true, true));
}
