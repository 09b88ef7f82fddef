using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Procurement.Bids.Domain;
using Procurement.Bids.Grpc;
using Procurement.Bids.Receipts;
using Procurement.Bids.Tests.Domain;
using DomainBid = Procurement.Bids.Domain.Bid;
using Receipt = Procurement.Contracts.Bid.V1.Receipt;

namespace Procurement.Bids.Tests.Receipts;

/// <summary>VerifyReceipt's comparison: each field that is not what the bid service recorded is named, with both values.</summary>
public sealed class ReceiptCheckTests
{
    private static readonly ReceiptKeyRing Keys = ReceiptKeyRing.Create(new ReceiptKeyOptions(), "Development");
    private static readonly DomainBid Held = DomainBid.Rehydrate(SeedBids.BidId, SeedBids.TenderId, "victim-support", BidStatus.Submitted, 1,
        [SeedBids.VictimSupport()], []);

    private static Receipt Issued() => Keys.Sign(new Receipt
    {
        BidId = SeedBids.BidId.ToString(), Version = 1, TenderId = SeedBids.TenderId.ToString(), Supplier = "victim-support",
        ReceivedAt = Timestamp.FromDateTimeOffset(SeedBids.VictimSupport().ReceivedAt), DigestSha256 = BidDigest.Compute(SeedBids.VictimSupport()),
    });

    private static Contracts.Bid.V1.VerifyReceiptResponse Check(Receipt receipt) => ReceiptCheck.Verify(Held, receipt, Keys.Verify(receipt));

    [Fact]
    public void The_receipt_as_issued_matches_and_says_which_key_signed_it()
    {
        var result = Check(Issued());

        Assert.True(result.Matches, result.Explanation);
        Assert.Empty(result.Differences);
        Assert.Equal("Version 1 is held with exactly this digest (signed with key development); it is the version that will be opened.", result.Explanation);
    }

    [Fact]
    public void Received_at_moved_by_one_second_is_named_with_both_times_and_the_signature_fails()
    {
        var receipt = Issued();
        receipt.ReceivedAt.Seconds += 1;

        var result = Check(receipt);

        Assert.False(result.Matches);
        Assert.Equal(["received_at", "signature"], result.Differences.Select(d => d.Field));
        Assert.Equal("received_at differs: the receipt says 2022-10-30T16:45:01.000000000Z, the bid service recorded 2022-10-30T16:45:00.000000000Z.",
            result.Differences[0].Explanation);
        Assert.StartsWith("signature does not verify with key development", result.Differences[1].Explanation);
        Assert.StartsWith("received_at differs: ", result.Explanation);
    }

    public static TheoryData<string, Action<Receipt>, string> Alterations => new()
    {
        { "tender_id", r => r.TenderId = "00000000-0000-0000-0000-000000000001", $"tender_id differs: the receipt says 00000000-0000-0000-0000-000000000001, the bid service recorded {SeedBids.TenderId}." },
        { "supplier", r => r.Supplier = "catch-22", "supplier differs: the receipt says catch-22, the bid service recorded victim-support." },
        { "digest_sha256", r => r.DigestSha256 = new string('0', 64), $"digest_sha256 differs: the receipt says {new string('0', 64)}, the bid service recorded {BidDigest.Compute(SeedBids.VictimSupport())}." },
        { "version", r => r.Version = 3, $"version differs: the receipt says version 3, the bid service recorded versions 1 to 1 of bid {SeedBids.BidId}." },
        { "received_at", r => r.ReceivedAt.Nanos += 1000, "received_at differs: the receipt says 2022-10-30T16:45:00.000001000Z, the bid service recorded 2022-10-30T16:45:00.000000000Z." },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Each_altered_field_is_named_with_what_the_receipt_says_and_what_was_recorded(string field, Action<Receipt> alter, string explanation)
    {
        var receipt = Issued();
        alter(receipt);

        var result = Check(receipt);

        Assert.False(result.Matches);
        var difference = Assert.Single(result.Differences, d => d.Field == field);
        Assert.Equal(explanation, difference.Explanation);
        Assert.Contains(result.Differences, d => d.Field == "signature");
    }

    [Fact]
    public void A_signature_alone_altered_is_named_with_the_key()
    {
        var receipt = Issued();
        receipt.Signature = ByteString.CopyFrom(new byte[64]);

        var result = Check(receipt);

        var difference = Assert.Single(result.Differences);
        Assert.Equal(("signature", "development"), (difference.Field, difference.OnReceipt));
        Assert.StartsWith("signature does not verify with key development", result.Explanation);
    }

    [Fact]
    public void An_unsigned_receipt_does_not_match_even_with_every_field_right()
    {
        var receipt = Issued();
        receipt.Signature = ByteString.Empty;

        var result = Check(receipt);

        Assert.False(result.Matches);
        Assert.Equal("signature is missing: the receipt is not signed, so it proves nothing by itself.", Assert.Single(result.Differences).Explanation);
    }
}
