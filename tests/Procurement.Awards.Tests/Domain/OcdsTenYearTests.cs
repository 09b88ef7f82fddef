using System.Text.Json.Nodes;
using Procurement.Awards.Domain;
using static Procurement.Awards.Tests.Domain.OcdsCases;

namespace Procurement.Awards.Tests.Domain;

/// <summary>A three-lot tender with a 10-year contract: terms and values are not hard-wired to the seed case's years.</summary>
public sealed class OcdsTenYearTests
{
    private static JsonArray Lots(JsonObject package) => package["releases"]![0]!["tender"]!["lots"]!.AsArray();

    private static JsonNode Release(JsonObject package, string tag) =>
        package["releases"]!.AsArray().Single(r => (string?)r!["tag"]![0] == tag)!;

    [Fact]
    public void The_package_meets_the_OCDS_1_1_field_definitions()
    {
        Assert.Empty(OcdsConformance.Problems(OcdsPackage.Build(TenYearsThreeLots())));
    }

    [Fact]
    public void A_10_year_award_and_contract_at_1_2m_a_year_are_worth_12m_with_the_annual_figure_beside()
    {
        var package = OcdsPackage.Build(TenYearsThreeLots());
        var award = Release(package, "award")["awards"]![0]!;
        var contract = Release(package, "contract")["contracts"]![0]!;

        Assert.Equal((12_000_000m, 1_200_000m), ((decimal)award["value"]!["amount"]!, (decimal)award["annualValue"]!["amount"]!));
        Assert.Equal((12_000_000m, 1_200_000m), ((decimal)contract["value"]!["amount"]!, (decimal)contract["annualValue"]!["amount"]!));
        Assert.Equal(("2021-04-01T00:00:00Z", "2031-03-31T23:59:59Z", "2031-03-31T23:59:59Z"),
            ((string?)contract["period"]!["startDate"], (string?)contract["period"]!["endDate"], (string?)contract["period"]!["maxExtentDate"]));
        // One buyer: the release says so at release level too.
        Assert.Equal("devon-cornwall", (string?)Release(package, "contract")["buyer"]!["id"]);
    }

    [Fact]
    public void Each_lot_has_its_own_maximum_value_period_and_description_and_a_lot_without_an_estimate_has_no_value()
    {
        var lots = Lots(OcdsPackage.Build(TenYearsThreeLots()));

        Assert.Equal(["hub", "rj", "young"], lots.Select(l => (string)l!["id"]!));
        Assert.Equal((12_000_000m, "complete"), ((decimal)lots[0]!["value"]!["amount"]!, (string?)lots[0]!["status"]));
        // £150,000 a year over 120 months and the 24-month allowance.
        Assert.Equal((1_800_000m, 150_000m), ((decimal)lots[1]!["value"]!["amount"]!, (decimal)lots[1]!["annualValue"]!["amount"]!));
        Assert.Equal(("2031-03-31T23:59:59Z", "2033-03-31T23:59:59Z"),
            ((string?)lots[1]!["contractPeriod"]!["endDate"], (string?)lots[1]!["contractPeriod"]!["maxExtentDate"]));
        // No estimate published: no value rather than a value of nought.
        Assert.Null(lots[2]!["value"]);
        Assert.Null(lots[2]!["annualValue"]);
        Assert.Equal("Support for children and young people affected by crime.", (string?)lots[2]!["description"]);
    }

    [Fact]
    public void Totals_over_terms_that_are_not_whole_years_are_rounded_to_the_penny()
    {
        Assert.Equal(new OcdsMoney(4_166_667, "GBP"), OcdsValues.OverTerm(new(10_000_001, "GBP"), 5));
        Assert.Equal(new OcdsMoney(50, "GBP"), OcdsValues.OverTerm(new(100, "GBP"), 6));
        Assert.Equal(new OcdsMoney(1, "GBP"), OcdsValues.OverTerm(new(2, "GBP"), 6));
        Assert.Equal(new OcdsMoney(1, "GBP"), OcdsValues.OverTerm(new(1, "GBP"), 6));   // half a penny rounds up
    }

    [Fact]
    public void A_buyer_that_is_also_the_procuring_entity_is_one_party_with_both_roles()
    {
        var parties = Release(OcdsPackage.Build(TenYearsThreeLots()), "award")["parties"]!.AsArray();

        var buyer = parties.Single(p => (string?)p!["id"] == "devon-cornwall")!;
        Assert.Equal(["buyer", "procuringEntity"], buyer["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Null(buyer["identifier"]);
    }
}
