using Procurement.Web.Pages.Tenders;

namespace Procurement.Web.Tests.Unit;

public sealed class AwardNoticesTests
{
    [Fact]
    public void The_awards_of_a_release_package_are_found_by_lot()
    {
        const string package = """
            {"releases":[
              {"tag":["tender"],"tender":{"lots":[{"id":"kent"},{"id":"essex"}]}},
              {"tag":["award"],"awards":[{"id":"a-kent","relatedLots":["kent"]},{"id":"a-essex","relatedLots":["essex"]}]},
              {"tag":["contract"],"contracts":[{"id":"c-kent","awardID":"a-kent"}]}
            ]}
            """;
        var awards = AwardNotices.Of(package);
        Assert.Equal(2, awards.Count);
        Assert.Equal(("a-kent", "a-essex"), (awards["kent"], awards["essex"]));
    }

    [Theory]
    [InlineData("""{"releases":[{"tag":["tender"]}]}""")]
    [InlineData("""{"releases":[{"awards":[{"id":7,"relatedLots":["kent"]},{"id":"a","relatedLots":"kent"}]}]}""")]
    [InlineData("""{}""")]
    public void A_package_without_well_formed_awards_announces_none(string package) => Assert.Empty(AwardNotices.Of(package));
}
