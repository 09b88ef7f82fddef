using System.Text.Json.Nodes;
using Procurement.Awards.Domain;

namespace Procurement.Awards.Tests.Domain;

public sealed class OcdsPackageTests
{
    private static readonly OcdsOrganisation Kent = new("kent-opcc", "Police and Crime Commissioner for Kent");
    private static readonly OcdsOrganisation Essex = new("essex-pfcc", "Police, Fire and Crime Commissioner for Essex");
    private static readonly OcdsOrganisation SevenF = new("7f-commercial", "7F Commercial");
    private static readonly OcdsOrganisation VictimSupport = new("victim-support", "Victim Support");
    private static readonly OcdsOrganisation Catch22 = new("catch-22", "Catch22");

    private static readonly OcdsAward KentAward = new("kent-award-1", "kent", "active", Kent, [VictimSupport],
        new(100_000_000, "GBP"), new(2023, 1, 23, 17, 0, 0, TimeSpan.Zero));

    private static readonly OcdsContract KentContract = new("kent-contract-1", "kent-award-1", "active", Kent,
        new(100_000_000, "GBP"), new(2023, 4, 1), new(2027, 3, 31), new(2023, 2, 10, 10, 30, 0, TimeSpan.Zero));

    /// <summary>Seed 002: one joint tender through 7F Commercial, a lot per commissioner; only Kent has awarded.</summary>
    private static OcdsInput KentAndEssex() => new(
        "pcc7fc",
        "https://procurement.example/ocds/7f-vas-2022.json",
        "7F Commercial",
        new(2023, 2, 10, 12, 0, 0, TimeSpan.Zero),
        new OcdsTender("7f-vas-2022", "Victims' advocacy and support service",
            "One joint tender for Kent and Essex, a lot for each commissioner.", "complete", SevenF, [Kent, Essex],
            [
                new("kent", "Kent victims' advocacy and support", "Kent's service", "active", new(400_000_000, "GBP"), new(2023, 4, 1), new(2027, 3, 31)),
                new("essex", "Essex victims' support", "Essex's service", "active", new(165_000_000, "GBP"), new(2023, 4, 1), new(2026, 3, 31)),
            ],
            PublishedAt: new(2022, 9, 1, 9, 0, 0, TimeSpan.Zero),
            SubmissionDeadline: new(2022, 10, 14, 11, 0, 0, TimeSpan.Zero)),
        [VictimSupport, Catch22],
        [KentAward],
        [KentContract]);

    private static JsonNode Release(JsonObject package, string tag) =>
        package["releases"]!.AsArray().Single(r => r!["tag"]![0]!.GetValue<string>() == tag)!;

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public void The_package_is_OCDS_1_1_with_the_lots_and_contract_buyer_extensions()
    {
        var package = OcdsPackage.Build(KentAndEssex());

        Assert.Equal("1.1", package["version"]!.GetValue<string>());
        Assert.Equal("https://procurement.example/ocds/7f-vas-2022.json", package["uri"]!.GetValue<string>());
        Assert.Equal("2023-02-10T12:00:00Z", package["publishedDate"]!.GetValue<string>());
        Assert.Equal("7F Commercial", package["publisher"]!["name"]!.GetValue<string>());
        Assert.Equal([OcdsPackage.LotsExtension, OcdsPackage.ContractBuyerExtension], Strings(package["extensions"]));
    }

    [Fact]
    public void One_release_per_stage_under_one_ocid_each_with_its_own_id()
    {
        var releases = OcdsPackage.Build(KentAndEssex())["releases"]!.AsArray();

        Assert.Equal([["tender"], ["award"], ["contract"]], releases.Select(r => Strings(r!["tag"])));
        Assert.All(releases, r => Assert.Equal("ocds-pcc7fc-7f-vas-2022", r!["ocid"]!.GetValue<string>()));
        Assert.All(releases, r => Assert.Equal("tender", r!["initiationType"]!.GetValue<string>()));
        Assert.Equal(
        [
            ("ocds-pcc7fc-7f-vas-2022-tender-20220901T090000Z", "2022-09-01T09:00:00Z"),
            ("ocds-pcc7fc-7f-vas-2022-award-20230123T170000Z", "2023-01-23T17:00:00Z"),
            ("ocds-pcc7fc-7f-vas-2022-contract-20230210T103000Z", "2023-02-10T10:30:00Z"),
        ], releases.Select(r => (r!["id"]!.GetValue<string>(), r["date"]!.GetValue<string>())));
    }

    [Fact]
    public void Each_organisation_is_one_party_with_all_its_roles()
    {
        var package = OcdsPackage.Build(KentAndEssex());

        Assert.Equal(
        [
            ("kent-opcc", "Police and Crime Commissioner for Kent", "buyer"),
            ("essex-pfcc", "Police, Fire and Crime Commissioner for Essex", "buyer"),
            ("7f-commercial", "7F Commercial", "procuringEntity"),
            ("victim-support", "Victim Support", "tenderer supplier"),
            ("catch-22", "Catch22", "tenderer"),
        ], Release(package, "award")["parties"]!.AsArray().Select(p =>
            (p!["id"]!.GetValue<string>(), p["name"]!.GetValue<string>(), string.Join(' ', Strings(p["roles"])))));
        // The tender stage knows no supplier yet.
        Assert.Equal(["tenderer"], Strings(Release(package, "tender")["parties"]![3]!["roles"]));
    }

    [Fact]
    public void The_tender_release_has_both_lots_and_no_single_buyer()
    {
        var release = Release(OcdsPackage.Build(KentAndEssex()), "tender");
        var tender = release["tender"]!;

        Assert.Null(release["buyer"]);
        Assert.Equal(("7f-vas-2022", "complete", "7f-commercial"),
            (tender["id"]!.GetValue<string>(), tender["status"]!.GetValue<string>(), tender["procuringEntity"]!["id"]!.GetValue<string>()));
        Assert.Equal("2022-10-14T11:00:00Z", tender["tenderPeriod"]!["endDate"]!.GetValue<string>());
        Assert.Equal(["kent", "essex"], tender["lots"]!.AsArray().Select(l => l!["id"]!.GetValue<string>()));
        var kentLot = tender["lots"]![0]!;
        Assert.Equal((4_000_000m, "GBP"), (kentLot["value"]!["amount"]!.GetValue<decimal>(), kentLot["value"]!["currency"]!.GetValue<string>()));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z"),
            (kentLot["contractPeriod"]!["startDate"]!.GetValue<string>(), kentLot["contractPeriod"]!["endDate"]!.GetValue<string>()));
        Assert.Equal(["victim-support", "catch-22"], tender["tenderers"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.Equal(2, tender["numberOfTenderers"]!.GetValue<int>());
    }

    [Fact]
    public void Kents_award_relates_to_its_lot_and_names_Kent_as_its_buyer()
    {
        var release = Release(OcdsPackage.Build(KentAndEssex()), "award");
        var award = Assert.Single(release["awards"]!.AsArray())!;

        Assert.Equal(["kent"], Strings(award["relatedLots"]));
        Assert.Equal(("kent-opcc", "Police and Crime Commissioner for Kent"), (award["buyers"]![0]!["id"]!.GetValue<string>(), award["buyers"]![0]!["name"]!.GetValue<string>()));
        Assert.Single(award["buyers"]!.AsArray());
        Assert.Equal(("kent-award-1", "active", "2023-01-23T17:00:00Z"),
            (award["id"]!.GetValue<string>(), award["status"]!.GetValue<string>(), award["date"]!.GetValue<string>()));
        Assert.Equal([("victim-support", "Victim Support")], award["suppliers"]!.AsArray().Select(s => (s!["id"]!.GetValue<string>(), s["name"]!.GetValue<string>())));
        Assert.Equal((1_000_000m, "GBP"), (award["value"]!["amount"]!.GetValue<decimal>(), award["value"]!["currency"]!.GetValue<string>()));
        // Only Kent has awarded, so this release has one buyer.
        Assert.Equal("kent-opcc", release["buyer"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Kents_contract_names_its_award_buyer_value_and_period()
    {
        var contract = Assert.Single(Release(OcdsPackage.Build(KentAndEssex()), "contract")["contracts"]!.AsArray())!;

        Assert.Equal(("kent-contract-1", "kent-award-1", "active", "kent-opcc"),
            (contract["id"]!.GetValue<string>(), contract["awardID"]!.GetValue<string>(), contract["status"]!.GetValue<string>(), contract["buyer"]!["id"]!.GetValue<string>()));
        Assert.Equal((1_000_000m, "GBP"), (contract["value"]!["amount"]!.GetValue<decimal>(), contract["value"]!["currency"]!.GetValue<string>()));
        Assert.Equal(("2023-04-01T00:00:00Z", "2027-03-31T23:59:59Z", "2023-02-10T10:30:00Z"),
            (contract["period"]!["startDate"]!.GetValue<string>(), contract["period"]!["endDate"]!.GetValue<string>(), contract["dateSigned"]!.GetValue<string>()));
        Assert.Null(contract["awardId"]);
    }

    [Fact]
    public void Essexs_lot_without_an_award_gets_no_award_or_contract()
    {
        var package = OcdsPackage.Build(KentAndEssex());

        Assert.DoesNotContain(Release(package, "award")["awards"]!.AsArray(), a => Strings(a!["relatedLots"]).Contains("essex"));
        Assert.DoesNotContain(Release(package, "contract")["contracts"]!.AsArray(), c => c!["buyer"]!["id"]!.GetValue<string>() == "essex-pfcc");
    }

    [Fact]
    public void Before_any_award_there_is_only_the_tender_release_and_no_supplier()
    {
        var package = OcdsPackage.Build(KentAndEssex() with { Awards = [], Contracts = [] });

        var release = Assert.Single(package["releases"]!.AsArray())!;
        Assert.Equal(["tender"], Strings(release["tag"]));
        Assert.DoesNotContain(release["parties"]!.AsArray(), p => Strings(p!["roles"]).Contains("supplier"));
    }

    [Fact]
    public void Amounts_are_exact_pounds_from_pence_written_as_JSON_numbers()
    {
        var input = KentAndEssex() with { Awards = [KentAward with { Value = new(12_345, "GBP") }], Contracts = [] };
        var json = OcdsPackage.Build(input).ToJsonString();

        Assert.Contains("\"value\":{\"amount\":123.45,\"currency\":\"GBP\"}", json);
        Assert.Contains("\"value\":{\"amount\":4000000,\"currency\":\"GBP\"}", json);
    }

    [Fact]
    public void An_unsigned_contract_has_no_dateSigned_and_its_release_takes_the_package_date()
    {
        var input = KentAndEssex() with { Contracts = [KentContract with { Status = "pending", DateSigned = null }] };
        var release = Release(OcdsPackage.Build(input), "contract");

        Assert.Equal("2023-02-10T12:00:00Z", release["date"]!.GetValue<string>());
        Assert.Null(release["contracts"]![0]!["dateSigned"]);
    }

    [Fact]
    public void Inconsistent_input_is_a_usage_error()
    {
        var input = KentAndEssex();
        Assert.Contains("lot surrey, which tender 7f-vas-2022 does not have",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Awards = [KentAward with { LotId = "surrey" }] })).Message);
        Assert.Contains("is for award nope, which is not given",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Contracts = [KentContract with { AwardId = "nope" }] })).Message);
        Assert.Contains("buyer essex-pfcc is not award kent-award-1's buyer kent-opcc",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Contracts = [KentContract with { Buyer = Essex }] })).Message);
        Assert.Contains("Organisation victim-support is named both",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Tenderers = [VictimSupport with { Name = "VS" }] })).Message);
        Assert.Contains("\"awarded\" of award kent-award-1 is not an OCDS code",
            Assert.Throws<ArgumentException>(() => OcdsPackage.Build(input with { Awards = [KentAward with { Status = "awarded" }] })).Message);
    }
}
