using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class OpeningRulesTests
{
    private static readonly LotRequirements Kent = new("kent", ["Q1", "Q2"]);
    private static readonly Declarations AllDeclared = new(true, true, true);

    private static ComplianceAssessment Assess(LotOffer offer, Declarations? declarations = null, bool awaitingReconfirmation = false) =>
        OpeningRules.Assess(offer, declarations ?? AllDeclared, Kent, awaitingReconfirmation);

    [Fact]
    public void A_complete_offer_is_compliant()
    {
        var assessment = Assess(SeedBids.VictimSupport().Offers[0]);
        Assert.True(assessment.Compliant);
        Assert.Empty(assessment.Reasons);
    }

    [Fact]
    public void Missing_and_blank_responses_are_each_named()
    {
        var offer = SeedBids.VictimSupport().Offers[0] with { Responses = [new CriterionResponse("Q1", "   ")] };
        var assessment = Assess(offer);
        Assert.False(assessment.Compliant);
        Assert.Equal(["No response to criterion Q1.", "No response to criterion Q2."], assessment.Reasons);
    }

    [Fact]
    public void Every_reason_is_given_not_only_the_first()
    {
        var offer = new LotOffer("kent", new Money(0, "EUR"), []);
        var assessment = Assess(offer, new Declarations(false, false, false), awaitingReconfirmation: true);
        Assert.Equal(8, assessment.Reasons.Count);
        Assert.Contains("The bid was not reconfirmed after the tender was amended.", assessment.Reasons);
        Assert.Contains("The annual price must be in GBP, not EUR.", assessment.Reasons);
    }
}
