using Procurement.Awards.Domain;

namespace Procurement.Awards.Tests.Domain;

/// <summary>Kent's lot of the seed case after moderation: Victim Support first at £1,000,000 a year.</summary>
public static class KentAward
{
    public static readonly Guid TenderId = Guid.Parse("6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a10");
    public static readonly Guid VictimSupportBid = Guid.Parse("11111111-1111-4111-8111-111111111111");
    public static readonly Guid Catch22Bid = Guid.Parse("22222222-2222-4222-8222-222222222222");
    /// <summary>23 January 2023, when the Record of Decision OPCC.D.032.23 was signed.</summary>
    public static readonly DateTimeOffset SignedAt = new(2023, 1, 23, 10, 0, 0, TimeSpan.Zero);

    public static LotTerms Terms { get; } = new(new DateOnly(2023, 4, 1), 48, 36, 12);

    public static IReadOnlyList<BidOutcome> Ranking { get; } =
    [
        new(VictimSupportBid, "victim-support", 1_000_000_00, "GBP", 1, null, 54m, 8m, 30m, 92m,
            [new("Q1", "quality", 30, 5, 30m), new("Q2", "quality", 20, 4, 16m), new("Q3", "quality", 10, 4, 8m), new("SV1", "social_value", 10, 4, 8m), new("PRICE", "price", 30, null, 30m)]),
        new(Catch22Bid, "catch-22", 1_080_000_00, "GBP", 2, null, 34m, 6m, 27.78m, 67.78m,
            [new("Q1", "quality", 30, 3, 18m), new("Q2", "quality", 20, 3, 12m), new("Q3", "quality", 10, 2, 4m), new("SV1", "social_value", 10, 3, 6m), new("PRICE", "price", 30, null, 27.78m)]),
    ];

    public static DecisionText Decision { get; } = new(
        "OPCC.D.032.23", "Kent Victim's Advocacy & Support Service – Contract Award",
        "PCCs have a statutory responsibility to commission support services for victims of crime.",
        "The PCC is recommended to award the contract for the Kent Victim's Advocacy and Support Service to Victim Support.",
        "To award the Victim's Advocacy and Support Service contract to Victim Support for 4 years commencing 1 April 2023.");

    public static Award Recommended(Regime regime = Regime.Pcr2015) =>
        Award.Recommend(Guid.NewGuid(), TenderId, "kent", "kent", regime, Terms, Guid.NewGuid(), Ranking);

    /// <summary>Signed by all three on 23 January 2023.</summary>
    public static Award Decided(Regime regime = Regime.Pcr2015)
    {
        var award = Recommended(regime);
        award.DraftDecision(Decision);
        award.Sign(Signatory.FinanceOfficer, "p-cfo", "Chief Finance Officer", "Funding set aside across the life of the contract.", SignedAt);
        award.Sign(Signatory.ChiefExecutive, "p-ceo", "Chief Executive", "A competitive tendering process.", SignedAt.AddHours(1));
        award.Sign(Signatory.Commissioner, "p-pcc", "Police and Crime Commissioner for Kent", "Satisfied.", SignedAt.AddHours(2));
        return award;
    }
}
