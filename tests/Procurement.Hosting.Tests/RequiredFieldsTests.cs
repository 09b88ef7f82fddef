using Grpc.Core;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Moderation.V1;
using Procurement.Hosting;

namespace Procurement.Hosting.Tests;

/// <summary>The required fields a request lacks, as its .proto declares them (field_behavior REQUIRED).</summary>
public sealed class RequiredFieldsTests
{
    [Fact]
    public void A_complete_request_lacks_nothing()
    {
        var request = new SubmitBidRequest { TenderId = "t", Offers = { new LotOffer { LotId = "kent", AnnualPrice = new Money { Currency = "GBP" } } } };
        Assert.Empty(RequiredFields.Missing(request));
        Assert.Null(RequiredFields.Refusal(request));
    }

    [Fact]
    public void Empty_or_blank_text_unset_messages_and_empty_lists_are_missing_nested_ones_by_path()
    {
        var request = new SubmitBidRequest
        {
            TenderId = "  ",
            Offers =
            {
                new LotOffer { LotId = "kent", AnnualPrice = new Money(), Responses = { new CriterionResponse { CriterionId = "Q1" } } },
                new LotOffer { Responses = { new CriterionResponse { Text = "an answer" } } },
            },
        };
        Assert.Equal(["tender_id", "offers[1].lot_id", "offers[1].annual_price", "offers[1].responses[0].criterion_id"], RequiredFields.Missing(request));
        Assert.Equal(["offers"], RequiredFields.Missing(new SubmitBidRequest { TenderId = "t" }));
    }

    [Fact]
    public void The_refusal_is_INVALID_ARGUMENT_naming_each_field_in_the_rich_error_model()
    {
        var refusal = RequiredFields.Refusal(new RecordScoreRequest { Score = 3 })!;
        Assert.Equal(StatusCode.InvalidArgument, refusal.StatusCode);
        Assert.Equal("Required fields missing: evaluation_id, bid_id, criterion_id, justification.", refusal.Status.Detail);
        Assert.Equal(["evaluation_id", "bid_id", "criterion_id", "justification"], FieldViolations.Of(refusal).Select(v => v.Field));
        Assert.All(FieldViolations.Of(refusal), v => Assert.Equal("is required", v.Description));
    }
}
