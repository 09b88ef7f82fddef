using System.Text;
using Procurement.Bids.Domain;

namespace Procurement.Bids.Tests.Domain;

public sealed class BidDigestTests
{
    [Fact]
    public void Digest_is_lower_case_hex_sha256()
    {
        Assert.Matches("^[0-9a-f]{64}$", BidDigest.Compute(SeedBids.VictimSupport()));
    }

    [Fact]
    public void Digest_of_a_known_bid_never_changes()
    {
        // Pinned: receipts issued today must still verify after any refactoring of the encoder.
        // Cross-checked by an independent implementation (Python hashlib over the format written out by hand).
        Assert.Equal("04bc2f3fb16062fe63df258bf94e9fef55377df8404087156547c475a8f04bee", BidDigest.Compute(SeedBids.VictimSupport()));
    }

    [Fact]
    public void Encoding_names_its_format_first()
    {
        var text = Encoding.UTF8.GetString(BidDigest.Encode(SeedBids.VictimSupport()));
        Assert.StartsWith("format:18:procurement.bid/v1\n", text);
    }

    [Fact]
    public void Order_of_offers_and_responses_does_not_matter()
    {
        var bid = SeedBids.VictimSupport();
        var essex = new LotOffer("essex", new Money(550_000_00, "GBP"), [new CriterionResponse("Q1", "Essex delivery.")]);
        var one = bid with { Offers = [bid.Offers[0], essex] };
        var reordered = bid with
        {
            Offers = [essex, bid.Offers[0] with { Responses = [.. bid.Offers[0].Responses.Reverse()] }],
        };
        Assert.Equal(BidDigest.Compute(one), BidDigest.Compute(reordered));
    }

    public static TheoryData<string, Func<BidVersion, BidVersion>> Changes => new()
    {
        { "price by a penny", b => b with { Offers = [b.Offers[0] with { AnnualPrice = new Money(1_000_000_01, "GBP") }] } },
        { "one character of a response", b => b with { Offers = [b.Offers[0] with { Responses = [b.Offers[0].Responses[0] with { Text = "A hub-and-spoke model across Kent's districts!" }, b.Offers[0].Responses[1]] }] } },
        { "the version", b => b with { Version = 2 } },
        { "the supplier", b => b with { Supplier = "another-charity" } },
        { "the receipt time", b => b with { ReceivedAt = b.ReceivedAt.AddTicks(1) } },
        { "a declaration", b => b with { Declarations = b.Declarations with { AcceptsTerms = false } } },
        { "the currency", b => b with { Offers = [b.Offers[0] with { AnnualPrice = new Money(1_000_000_00, "EUR") }] } },
        { "the lot", b => b with { Offers = [b.Offers[0] with { LotId = "essex" }] } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_to_the_content_changes_the_digest(string change, Func<BidVersion, BidVersion> apply)
    {
        Assert.False(BidDigest.Compute(SeedBids.VictimSupport()) == BidDigest.Compute(apply(SeedBids.VictimSupport())), $"changing {change} kept the digest");
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var bid = SeedBids.VictimSupport();
        CriterionResponse[] a = [new("Q1", "ab"), new("Q2", "c")];
        CriterionResponse[] b = [new("Q1", "a"), new("Q2", "bc")];
        Assert.NotEqual(
            BidDigest.Compute(bid with { Offers = [bid.Offers[0] with { Responses = a }] }),
            BidDigest.Compute(bid with { Offers = [bid.Offers[0] with { Responses = b }] }));
    }

    [Fact]
    public void Text_is_hashed_exactly_as_sent_without_normalisation()
    {
        var bid = SeedBids.VictimSupport();
        var composed = bid with { Offers = [bid.Offers[0] with { Responses = [new CriterionResponse("Q1", "caf\u00e9")] }] };
        var decomposed = bid with { Offers = [bid.Offers[0] with { Responses = [new CriterionResponse("Q1", "cafe\u0301")] }] };
        Assert.NotEqual(BidDigest.Compute(composed), BidDigest.Compute(decomposed));
    }
}
