using System.Text.Json.Nodes;
using Procurement.Awards.Domain;
using static Procurement.Awards.Tests.Domain.OcdsCases;

namespace Procurement.Awards.Tests.Domain;

/// <summary>The seed case (Kent + Essex) as an OCDS 1.1 release package, field by field.</summary>
public sealed class OcdsPackageTests
{
    private static JsonNode Release(JsonObject package, string tag) =>
        package["releases"]!.AsArray().Single(r => r!["tag"]![0]!.GetValue<string>() == tag)!;

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    private static (decimal Amount, string Currency) Money(JsonNode? value) => ((decimal)value!["amount"]!, (string)value["currency"]!);

    private static (string? Start, string? End, string? MaxExtent) Period(JsonNode? period) =>
        ((string?)period!["startDate"], (string?)period["endDate"], (string?)period["maxExtentDate"]);

    [Fact]
    public void The_seed_case_package_meets_the_OCDS_1_1_field_definitions()
    {
        Assert.Empty(OcdsConformance.Problems(OcdsPackage.Build(KentAndEssex())));
    }

    [Fact]
    public void The_package_is_OCDS_1_1_with_the_lots_and_contract_buyer_extensions()
    {
        var package = OcdsPackage.Build(KentAndEssex());

        Assert.Equal("1.1", package["version"]!.GetValue<string>());
        Assert.Equal("https://procurement.example/ocds/7f-vas-2022.json", package["uri"]!.GetValue<string>());
        Assert.Equal("2026-02-01T12:00:00Z", package["publishedDate"]!.GetValue<string>());
        Assert.Equal("7F Commercial", package["publisher"]!["name"]!.GetValue<string>());
        Assert.Equal([OcdsPackage.LotsExtension, OcdsPackage.ContractBuyerExtension], Strings(package["extensions"]));
    }

    [Fact]
    public void One_release_per_stage_under_one_ocid_the_amended_tender_and_the_extended_contract_as_amendment_releases()
    {
        var releases = OcdsPackage.Build(KentAndEssex())["releases"]!.AsArray();

        Assert.Equal([["tenderAmendment"], ["award"], ["contract"], ["contractAmendment"]], releases.Select(r => Strings(r!["tag"])));
        Assert.All(releases, r => Assert.Equal("ocds-pcc7fc-7f-vas-2022", r!["ocid"]!.GetValue<string>()));
        Assert.Equal(
        [
            ("ocds-pcc7fc-7f-vas-2022-tenderAmendment-20220920T140000Z", "2022-09-20T14:00:00Z"),
            ("ocds-pcc7fc-7f-vas-2022-award-20230125T120000Z", "2023-01-25T12:00:00Z"),
            ("ocds-pcc7fc-7f-vas-2022-contract-20230212T090000Z", "2023-02-12T09:00:00Z"),
            ("ocds-pcc7fc-7f-vas-2022-contractAmendment-20260120T100000Z", "2026-01-20T10:00:00Z"),
        ], releases.Select(r => (r!["id"]!.GetValue<string>(), r["date"]!.GetValue<string>())));
    }

    [Fact]
    public void Lot_values_are_the_maximum_estimated_value_over_the_term_and_every_extension_allowed()
    {
        var lots = Release(OcdsPackage.Build(KentAndEssex()), "tenderAmendment")["tender"]!["lots"]!.AsArray();
        var kent = lots[0]!;
        var essex = lots[1]!;

        // Kent: £1,000,000 a year × (48 + 36) months; Essex: £550,000 a year × (36 + 24) months.
        Assert.Equal((7_000_000m, "GBP"), Money(kent["value"]));
        Assert.Equal((1_000_000m, "GBP"), Money(kent["annualValue"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", "2030-03-31T23:59:59Z"), Period(kent["contractPeriod"]));
        Assert.Equal((2_750_000m, "GBP"), Money(essex["value"]));
        Assert.Equal((550_000m, "GBP"), Money(essex["annualValue"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2026-03-31T23:59:59Z", "2028-03-31T23:59:59Z"), Period(essex["contractPeriod"]));
    }

    [Fact]
    public void Lot_descriptions_are_the_lots_specifications()
    {
        var lots = Release(OcdsPackage.Build(KentAndEssex()), "tenderAmendment")["tender"]!["lots"]!.AsArray();

        Assert.Equal(["Advocacy and support for victims of crime in Kent.", "Advocacy and support for victims of crime in Essex."],
            lots.Select(l => (string)l!["description"]!));
    }

    [Fact]
    public void Award_values_are_the_total_over_the_initial_term_with_the_annual_price_beside_them()
    {
        var awards = Release(OcdsPackage.Build(KentAndEssex()), "award")["awards"]!.AsArray();

        var kent = awards.Single(a => Strings(a!["relatedLots"]).Single() == "kent")!;
        Assert.Equal((4_000_000m, "GBP"), Money(kent["value"]));
        Assert.Equal((1_000_000m, "GBP"), Money(kent["annualValue"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", null), Period(kent["contractPeriod"]));
        var essex = awards.Single(a => Strings(a!["relatedLots"]).Single() == "essex")!;
        Assert.Equal((1_590_000m, "GBP"), Money(essex["value"]));
        Assert.Equal((530_000m, "GBP"), Money(essex["annualValue"]));
    }

    [Fact]
    public void Contracts_as_entered_are_worth_their_initial_term_and_may_run_to_the_end_of_the_allowance()
    {
        var contracts = Release(OcdsPackage.Build(KentAndEssex()), "contract")["contracts"]!.AsArray();

        var kent = contracts.Single(c => (string?)c!["id"] == "kent-contract")!;
        Assert.Equal(("kent-award", "active", "kent"), ((string?)kent["awardID"], (string?)kent["status"], (string?)kent["buyer"]!["id"]));
        Assert.Equal((4_000_000m, "GBP"), Money(kent["value"]));
        Assert.Equal((1_000_000m, "GBP"), Money(kent["annualValue"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", "2030-03-31T23:59:59Z"), Period(kent["period"]));
        Assert.Equal("2023-02-10T10:30:00Z", (string?)kent["dateSigned"]);
        var essex = contracts.Single(c => (string?)c!["id"] == "essex-contract")!;
        Assert.Equal((1_590_000m, "GBP"), Money(essex["value"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2026-03-31T23:59:59Z", "2028-03-31T23:59:59Z"), Period(essex["period"]));
        Assert.Null(essex["amendments"]);
    }

    [Fact]
    public void Essexs_extension_is_a_contract_amendment_with_its_period_and_value_and_the_contract_as_it_now_stands()
    {
        var release = Release(OcdsPackage.Build(KentAndEssex()), "contractAmendment");
        var essex = Assert.Single(release["contracts"]!.AsArray())!;

        Assert.Equal("essex", (string?)release["buyer"]!["id"]);
        Assert.Equal("essex-contract", (string?)essex["id"]);
        // £530,000 × 3 years, then £550,000 for the extra year.
        Assert.Equal((2_140_000m, "GBP"), Money(essex["value"]));
        Assert.Equal((530_000m, "GBP"), Money(essex["annualValue"]));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", "2028-03-31T23:59:59Z"), Period(essex["period"]));
        var amendment = Assert.Single(essex["amendments"]!.AsArray())!;
        Assert.Equal(("PFCC-2026-004", "2026-01-20T10:00:00Z", "One year, while the service is re-procured."),
            ((string?)amendment["id"], (string?)amendment["date"], (string?)amendment["rationale"]));
        Assert.Equal("Extended by 12 months, 2026-04-01 to 2027-03-31, at £550,000 a year (decision PFCC-2026-004).", (string?)amendment["description"]);
        Assert.Equal(("ocds-pcc7fc-7f-vas-2022-contract-20230212T090000Z", "ocds-pcc7fc-7f-vas-2022-contractAmendment-20260120T100000Z"),
            ((string?)amendment["amendsReleaseID"], (string?)amendment["releaseID"]));
        Assert.Equal(("2026-04-01T00:00:00Z", "2027-03-31T23:59:59Z", null), Period(amendment["period"]));
        Assert.Equal((550_000m, "GBP"), Money(amendment["value"]));
        Assert.Equal((550_000m, "GBP"), Money(amendment["annualValue"]));
    }

    [Fact]
    public void A_second_extension_amends_the_release_of_the_first()
    {
        var second = EssexExtension with { Reference = "PFCC-2027-002", DecidedAt = new(2027, 1, 18, 10, 0, 0, TimeSpan.Zero), From = new(2027, 4, 1), To = new(2028, 3, 31) };
        var input = KentAndEssex() with { Contracts = [KentContract, EssexContract with { Extensions = [EssexExtension, second] }] };
        var essex = Release(OcdsPackage.Build(input), "contractAmendment")["contracts"]![0]!;

        Assert.Equal((2_690_000m, "GBP"), Money(essex["value"]));
        Assert.Equal("2028-03-31T23:59:59Z", (string?)essex["period"]!["endDate"]);
        var amendments = essex["amendments"]!.AsArray();
        Assert.Equal(["PFCC-2026-004", "PFCC-2027-002"], amendments.Select(a => (string)a!["id"]!));
        Assert.Equal("ocds-pcc7fc-7f-vas-2022-contractAmendment-20260120T100000Z", (string?)amendments[1]!["amendsReleaseID"]);
        Assert.Empty(OcdsConformance.Problems(OcdsPackage.Build(input)));
    }

    [Fact]
    public void The_tender_amendment_is_listed_with_its_date_summary_and_the_releases_before_and_after()
    {
        var tender = Release(OcdsPackage.Build(KentAndEssex()), "tenderAmendment")["tender"]!;
        var amendment = Assert.Single(tender["amendments"]!.AsArray())!;

        Assert.Equal(("revision-2", "2022-09-20T14:00:00Z", "TUPE annex added"),
            ((string?)amendment["id"], (string?)amendment["date"], (string?)amendment["rationale"]));
        Assert.Equal("Revision 2 of the tender replaces revision 1; bids made against an earlier revision must be reconfirmed.", (string?)amendment["description"]);
        Assert.Equal(("ocds-pcc7fc-7f-vas-2022-tender-20220901T090000Z", "ocds-pcc7fc-7f-vas-2022-tenderAmendment-20220920T140000Z"),
            ((string?)amendment["amendsReleaseID"], (string?)amendment["releaseID"]));
    }

    [Fact]
    public void An_unamended_tender_is_a_tender_release_without_amendments()
    {
        var input = KentAndEssex() with { Tender = KentAndEssex().Tender with { Amendments = [] } };
        var release = OcdsPackage.Build(input)["releases"]![0]!;

        Assert.Equal(("ocds-pcc7fc-7f-vas-2022-tender-20220901T090000Z", "tender"), ((string?)release["id"], (string?)release["tag"]![0]));
        Assert.Null(release["tender"]!["amendments"]);
    }

    [Fact]
    public void Parties_carry_names_identifiers_and_addresses_and_ids_built_from_the_identifier()
    {
        var parties = Release(OcdsPackage.Build(KentAndEssex()), "award")["parties"]!.AsArray();

        Assert.Equal(
        [
            ("kent", "Police and Crime Commissioner for Kent", "buyer"),
            ("essex", "Police, Fire and Crime Commissioner for Essex", "buyer"),
            ("7f-commercial", "7F Commercial", "procuringEntity"),
            ("GB-CHC-1124127", "Catch22", "tenderer supplier"),
            ("GB-CHC-298028", "Victim Support", "tenderer supplier"),
        ], parties.Select(p => ((string)p!["id"]!, (string)p["name"]!, string.Join(' ', Strings(p["roles"])))));
        var catch22 = parties[3]!;
        Assert.Equal(("GB-CHC", "1124127", "Catch22 Charity Limited"),
            ((string?)catch22["identifier"]!["scheme"], (string?)catch22["identifier"]!["id"], (string?)catch22["identifier"]!["legalName"]));
        Assert.Equal(("27 Pear Tree Street", "London", "EC1V 3AG", "United Kingdom"), ((string?)catch22["address"]!["streetAddress"],
            (string?)catch22["address"]!["locality"], (string?)catch22["address"]!["postalCode"], (string?)catch22["address"]!["countryName"]));
        Assert.Null(catch22["address"]!["region"]);
        // Kent has no identifier in the register: its party id stays the suite's own, and no identifier is made up.
        Assert.Null(parties[0]!["identifier"]);
        Assert.Equal("Maidstone", (string?)parties[0]!["address"]!["locality"]);
        // References elsewhere use the party id.
        var award = Release(OcdsPackage.Build(KentAndEssex()), "award")["awards"]![0]!;
        Assert.Equal(("GB-CHC-298028", "Victim Support"), ((string?)award["suppliers"]![0]!["id"], (string?)award["suppliers"]![0]!["name"]));
    }

    [Fact]
    public void The_tender_release_knows_no_supplier_and_has_no_single_buyer()
    {
        var release = Release(OcdsPackage.Build(KentAndEssex()), "tenderAmendment");

        Assert.Null(release["buyer"]);
        Assert.DoesNotContain(release["parties"]!.AsArray(), p => Strings(p!["roles"]).Contains("supplier"));
        Assert.Equal(["GB-CHC-1124127", "GB-CHC-298028"], release["tender"]!["tenderers"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.Equal(2, (int)release["tender"]!["numberOfTenderers"]!);
    }

    [Fact]
    public void Before_any_award_there_is_only_the_tender_release()
    {
        var package = OcdsPackage.Build(KentAndEssex() with { Awards = [], Contracts = [] });

        Assert.Single(package["releases"]!.AsArray());
        Assert.Empty(OcdsConformance.Problems(package));
    }

    [Fact]
    public void Amounts_are_exact_pounds_from_pence_written_as_JSON_numbers()
    {
        var input = KentAndEssex() with { Awards = [KentOcdsAward with { AnnualValue = new(12_345, "GBP") }], Contracts = [] };
        var json = OcdsPackage.Build(input).ToJsonString();

        Assert.Contains("\"annualValue\":{\"amount\":123.45,\"currency\":\"GBP\"}", json);
        Assert.Contains("\"value\":{\"amount\":493.8,\"currency\":\"GBP\"}", json);
        Assert.Contains("\"value\":{\"amount\":7000000,\"currency\":\"GBP\"}", json);
    }

    [Fact]
    public void Inconsistent_input_is_a_usage_error()
    {
        var input = KentAndEssex();
        Assert.Contains("lot surrey, which tender 7f-vas-2022 does not have",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Awards = [KentOcdsAward with { LotId = "surrey" }] })).Message);
        Assert.Contains("is for award nope, which is not given",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Contracts = [KentContract with { AwardId = "nope" }] })).Message);
        Assert.Contains("buyer essex is not award kent-award's buyer kent",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Contracts = [KentContract with { Buyer = Essex }] })).Message);
        Assert.Contains("Organisation victim-support is described twice",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Tenderers = [VictimSupport with { Name = "VS" }] })).Message);
        Assert.Contains("\"awarded\" of award kent-award is not an OCDS code",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Awards = [KentOcdsAward with { Status = "awarded" }] })).Message);
        Assert.Contains("Extension PFCC-2026-004 of contract essex-contract is in EUR",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with
            {
                Contracts = [EssexContract with { Extensions = [EssexExtension with { AnnualValue = new(1, "EUR") }] }],
            })).Message);
    }
}
