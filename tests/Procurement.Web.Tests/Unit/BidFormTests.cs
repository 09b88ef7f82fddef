using Procurement.Contracts.Tender.V1;
using Procurement.Web.Pages.Tenders;

namespace Procurement.Web.Tests.Unit;

public sealed class BidFormTests
{
    private static Tender JointTender()
    {
        var tender = new Tender();
        foreach (var lot in new[] { "kent", "essex" })
        {
            var model = new EvaluationModel();
            model.Criteria.Add(new Criterion { Id = "Q1", Kind = CriterionKind.Quality, Title = "Service delivery", WeightPercent = 60 });
            model.Criteria.Add(new Criterion { Id = "PRICE", Kind = CriterionKind.Price, Title = "Price", WeightPercent = 40 });
            tender.Lots.Add(new Lot { Id = lot, Title = $"Lot {lot}", Status = LotStatus.Active, Evaluation = model });
        }
        return tender;
    }

    [Theory]
    [InlineData("450000", 45_000_000L)]
    [InlineData("£450,000.50", 45_000_050L)]
    [InlineData(" 1,234.5 ", 123_450L)]
    [InlineData("12.345", null)]
    [InlineData("a lot", null)]
    [InlineData("-5", null)]
    public void Prices_are_read_in_pounds_and_pence(string text, long? pence) => Assert.Equal(pence, BidForm.ParsePounds(text));

    [Fact]
    public void The_form_asks_for_an_answer_per_scored_criterion_only_and_every_problem_is_named_against_its_field()
    {
        var tender = JointTender();
        var lots = BidForm.For(tender, null);
        Assert.Equal(["Q1"], lots[0].Responses.Select(r => r.CriterionId));

        Assert.Equal(["lots-0-included", "accepts-terms", "meets-requirements", "no-conflicts"],
            BidForm.Check(tender, lots, false, false, false).Select(p => p.Field));

        lots[1].Included = true;
        lots[1].Price = "12.345";
        Assert.Equal(
            [("lots-1-price", "Annual price for Lot essex must be an amount in pounds, like 450000 or 450000.50"), ("lots-1-responses-0", "Enter your answer to Service delivery for Lot essex")],
            BidForm.Check(tender, lots, true, true, true));
    }

    [Fact]
    public void The_services_field_paths_count_offers_among_the_lots_bid_for()
    {
        var tender = JointTender();
        var lots = BidForm.For(tender, null);
        lots[1].Included = true;   // Essex only: it is offers[0]

        var fields = BidForm.ServiceFields(tender, lots);

        Assert.Equal("lots-1-price", fields["offers[0].annual_price"].Id);
        Assert.Equal("lots-1-responses-0", fields["offers[0].responses[0].text"].Id);
        Assert.False(fields.ContainsKey("offers[1].annual_price"));
    }
}
