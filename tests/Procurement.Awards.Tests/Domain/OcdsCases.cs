using Procurement.Awards.Domain;

namespace Procurement.Awards.Tests.Domain;

/// <summary>The inputs the OCDS tests publish: the seed case (Kent + Essex) and a three-lot tender with a 10-year contract.</summary>
internal static class OcdsCases
{
    public static readonly OcdsOrganisation Kent = new("kent", "Police and Crime Commissioner for Kent", null,
        new("Sutton Road", "Maidstone", "Kent", "ME15 9BZ", "United Kingdom"));
    public static readonly OcdsOrganisation Essex = new("essex", "Police, Fire and Crime Commissioner for Essex");
    public static readonly OcdsOrganisation SevenF = new("7f-commercial", "7F Commercial");
    public static readonly OcdsOrganisation VictimSupport = new("victim-support", "Victim Support", new("GB-CHC", "298028", "Victim Support"));
    public static readonly OcdsOrganisation Catch22 = new("catch-22", "Catch22", new("GB-CHC", "1124127", "Catch22 Charity Limited"),
        new("27 Pear Tree Street", "London", null, "EC1V 3AG", "United Kingdom"));

    public static readonly OcdsAward KentOcdsAward = new("kent-award", "kent", "active", Kent, [VictimSupport],
        new(1_000_000_00, "GBP"), new(2023, 1, 23, 17, 0, 0, TimeSpan.Zero));
    public static readonly OcdsAward EssexOcdsAward = new("essex-award", "essex", "active", Essex, [Catch22],
        new(530_000_00, "GBP"), new(2023, 1, 25, 12, 0, 0, TimeSpan.Zero));

    public static readonly OcdsContract KentContract = new("kent-contract", "kent-award", "active", Kent,
        new(1_000_000_00, "GBP"), new(2023, 4, 1), 48, 36, new(2023, 2, 10, 10, 30, 0, TimeSpan.Zero));

    /// <summary>Essex's decision PFCC-2026-004: 12 more months at £550,000 a year.</summary>
    public static readonly OcdsExtension EssexExtension = new("PFCC-2026-004", 12, new(550_000_00, "GBP"),
        new(2026, 1, 20, 10, 0, 0, TimeSpan.Zero), new(2026, 4, 1), new(2027, 3, 31), "One year, while the service is re-procured.");

    public static readonly OcdsContract EssexContract = new("essex-contract", "essex-award", "active", Essex,
        new(530_000_00, "GBP"), new(2023, 4, 1), 36, 24, new(2023, 2, 12, 9, 0, 0, TimeSpan.Zero), [EssexExtension]);

    public static readonly OcdsTenderAmendment TupeAnnex = new(2, "TUPE annex added", new(2022, 9, 20, 14, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Seed 002 as the demo plays it: one joint tender through 7F Commercial, amended once; Kent (£1m a year, 4 years
    /// + up to 3) awards Victim Support at £1m a year; Essex (£550,000 a year, 3 years + up to 2) awards Catch22 at
    /// £530,000 and extends it by a year at £550,000.
    /// </summary>
    public static OcdsInput KentAndEssex() => new(
        "pcc7fc",
        "https://procurement.example/ocds/7f-vas-2022.json",
        "7F Commercial",
        new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero),
        new OcdsTender("7f-vas-2022", "Victims' advocacy and support service",
            "One procurement for Kent PCC and Essex PFCC; one lot each.", "complete", SevenF, [Kent, Essex],
            [
                new("kent", "Kent victims' advocacy and support", "Advocacy and support for victims of crime in Kent.", "complete",
                    new(1_000_000_00, "GBP"), new(2023, 4, 1), 48, 36),
                new("essex", "Essex victims' support and coordination", "Advocacy and support for victims of crime in Essex.", "complete",
                    new(550_000_00, "GBP"), new(2023, 4, 1), 36, 24),
            ],
            PublishedAt: new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero),
            SubmissionDeadline: new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero),
            Amendments: [TupeAnnex]),
        [Catch22, VictimSupport],
        [KentOcdsAward, EssexOcdsAward],
        [KentContract, EssexContract]);

    public static readonly OcdsOrganisation DevonCornwall = new("devon-cornwall", "Police and Crime Commissioner for Devon and Cornwall");

    /// <summary>
    /// A three-lot tender with a 10-year contract (seed 003's shape): a hub at £1.2m a year for 120 months, restorative
    /// justice at £150,000 a year for 120 months + up to 24, and a lot with no published estimate; only the hub awarded.
    /// </summary>
    public static OcdsInput TenYearsThreeLots() => new(
        "pcc7fc",
        "https://procurement.example/ocds/dc-victims-2021.json",
        "Police and Crime Commissioner for Devon and Cornwall",
        new(2021, 4, 1, 9, 0, 0, TimeSpan.Zero),
        new OcdsTender("dc-victims-2021", "Victim care services", "Ten years of victims' services, in three lots.", "active",
            DevonCornwall, [DevonCornwall],
            [
                new("hub", "Victim care hub", "Referral, assessment and support for every victim of crime.", "complete",
                    new(1_200_000_00, "GBP"), new(2021, 4, 1), 120, 0),
                new("rj", "Restorative justice", "Restorative justice for victims who want it.", "active",
                    new(150_000_00, "GBP"), new(2021, 4, 1), 120, 24),
                new("young", "Young victims", "Support for children and young people affected by crime.", "active",
                    null, new(2021, 4, 1), 120, 0),
            ],
            PublishedAt: new(2020, 10, 1, 9, 0, 0, TimeSpan.Zero),
            SubmissionDeadline: new(2020, 11, 30, 12, 0, 0, TimeSpan.Zero)),
        [VictimSupport],
        [new("hub-award", "hub", "active", DevonCornwall, [VictimSupport], new(1_200_000_00, "GBP"), new(2021, 2, 24, 12, 0, 0, TimeSpan.Zero))],
        [new("hub-contract", "hub-award", "active", DevonCornwall, new(1_200_000_00, "GBP"), new(2021, 4, 1), 120, 0,
            new(2021, 3, 15, 12, 0, 0, TimeSpan.Zero))]);
}
