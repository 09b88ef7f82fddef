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

/// <summary>The value rules every request passes (rules.proto and the defaults).</summary>
public sealed class RequestRulesTests
{
    private static IReadOnlyList<(string Path, string Description)> Invalid(Google.Protobuf.IMessage message) =>
        [.. RequestRules.Check(message).Where(v => !v.Missing).Select(v => (v.Path, v.Description))];

    [Fact]
    public void One_line_texts_ids_and_declared_long_texts_have_their_own_limits()
    {
        var ok = new RecordScoreRequest { EvaluationId = new string('e', 100), BidId = "b", CriterionId = "Q1", Score = 3, Justification = "Line one\nline two\twith a tab" };
        Assert.Empty(RequestRules.Check(ok));
        Assert.Equal([("evaluation_id", "is longer than 100 characters")], Invalid(new RecordScoreRequest { EvaluationId = new string('e', 101), BidId = "b", CriterionId = "Q1", Justification = "j" }));
        Assert.Equal([("justification", "is longer than 5000 characters")], Invalid(new RecordScoreRequest { EvaluationId = "e", BidId = "b", CriterionId = "Q1", Justification = new string('j', 5001) }));
    }

    [Theory]
    [InlineData("a\0b", "contains a control character (U+0000) at character 2; it must be one line")]
    [InlineData("two\nlines", "contains a control character (U+000A) at character 4; it must be one line")]
    [InlineData("bad \uFFFD", "is not valid text: invalid UTF-8 (or U+FFFD) at character 5")]
    public void A_one_line_text_refuses_control_characters_and_replacement_characters(string text, string expected)
    {
        Assert.Equal([("criterion_id", expected)], Invalid(new RecordScoreRequest { EvaluationId = "e", BidId = "b", CriterionId = text, Justification = "j" }));
    }

    [Fact]
    public void Numbers_keep_to_their_range_and_enums_to_their_values()
    {
        Assert.Equal([("score", "must be between 0 and 100")], Invalid(new RecordScoreRequest { EvaluationId = "e", BidId = "b", CriterionId = "Q1", Score = int.MaxValue, Justification = "j" }));
        var page = new Procurement.Contracts.Tender.V1.ListTendersRequest { Page = new PageRequest { PageSize = -1 }, Status = (Procurement.Contracts.Tender.V1.TenderStatus)99 };
        Assert.Equal([("page.page_size", "must be between 0 and 1000"), ("status", "99 is not one of the values of procurement.tender.v1.TenderStatus")], Invalid(page));
    }

    [Fact]
    public void Timestamps_lie_in_this_century_with_valid_nanoseconds()
    {
        static Procurement.Contracts.Dev.V1.AdvanceClockRequest To(long seconds, int nanos) => new() { To = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = seconds, Nanos = nanos } };
        Assert.Empty(RequestRules.Check(To(1_700_000_000, 0)));
        Assert.Equal([("to", "must be a time in the years 2000 to 2099")], Invalid(To(253_402_300_800, 0)));
        Assert.Equal([("to", "nanos must be between 0 and 999999999")], Invalid(To(1_700_000_000, -1)));
    }
}
