using Google.Protobuf;
using Grpc.Core;
using Procurement.Bids.Tests.Integration.Support;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;

namespace Procurement.Bids.Tests.Integration;

/// <summary>Signed receipts through the real bid service: issued, verified, each altered field named, and the keys published without a token.</summary>
public sealed class ReceiptTests : BidServiceTestBase
{
    [Fact]
    public async Task A_receipt_is_signed_over_every_field_and_verifies_with_the_published_keys()
    {
        var tenderId = await PublishTenderAsync();

        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        var keys = await Bids.ListReceiptKeysAsync(new ListReceiptKeysRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout);
        var verified = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = receipt }, As(People.VictimSupport));

        Assert.Equal((ReceiptPayload.Format, ReceiptPayload.Algorithm, "development", 64),
            (receipt.SignatureFormat, receipt.SignatureAlgorithm, receipt.KeyId, receipt.Signature.Length));
        Assert.Equal(("development", true), (Assert.Single(keys.Keys).KeyId, keys.Keys[0].Active));
        Assert.True(ReceiptKeySet.From(keys).Verify(receipt).Valid);
        Assert.True(verified.Matches, verified.Explanation);
        Assert.Contains("signed with key development", verified.Explanation);
    }

    [Fact]
    public async Task Received_at_moved_by_one_second_does_not_verify_and_both_times_are_named()
    {
        var tenderId = await PublishTenderAsync();
        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        var recorded = ReceiptPayload.Time(receipt.ReceivedAt);
        var moved = receipt.Clone();
        moved.ReceivedAt.Seconds -= 1;

        var result = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = moved }, As(People.VictimSupport));

        Assert.False(result.Matches);
        Assert.Equal(["received_at", "signature"], result.Differences.Select(d => d.Field));
        Assert.Equal($"received_at differs: the receipt says {ReceiptPayload.Time(moved.ReceivedAt)}, the bid service recorded {recorded}.",
            result.Differences[0].Explanation);
        Assert.Equal((ReceiptPayload.Time(moved.ReceivedAt), recorded), (result.Differences[0].OnReceipt, result.Differences[0].Recorded));
        Assert.StartsWith("signature does not verify with key development", result.Differences[1].Explanation);
    }

    public static TheoryData<string, Action<Receipt>> Alterations => new()
    {
        { "tender_id", r => r.TenderId = Guid.NewGuid().ToString() },
        { "supplier", r => r.Supplier = "catch-22" },
        { "version", r => r.Version = 7 },
        { "digest_sha256", r => r.DigestSha256 = new string('0', 64) },
        { "signature", r => r.Signature = ByteString.CopyFrom(new byte[64]) },
        { "key_id", r => r.KeyId = "k9" },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public async Task Each_altered_field_is_refused_by_name(string field, Action<Receipt> alter)
    {
        var tenderId = await PublishTenderAsync();
        var receipt = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        alter(receipt);

        var result = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = receipt }, As(People.VictimSupport));

        Assert.False(result.Matches);
        Assert.Contains(result.Differences, d => d.Field == field);
        if (field != "key_id") Assert.Contains(result.Differences, d => d.Field == "signature");
        Assert.StartsWith(field, result.Explanation);
    }

    [Fact]
    public async Task Revised_and_reconfirmed_versions_get_receipts_signed_too()
    {
        var tenderId = await PublishTenderAsync();
        var first = await SubmitAsync(People.VictimSupport, tenderId, JointTender.Offer("kent", 1_000_000_00));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var revise = new ReviseBidRequest { BidId = first.BidId, ExpectedVersion = 1, Declarations = JointTender.AllDeclared() };
        revise.Offers.Add(JointTender.Offer("kent", 900_000_00));

        var second = await Bids.ReviseBidAsync(revise, As(People.VictimSupport));
        var verifiedFirst = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = first }, As(People.VictimSupport));
        var verifiedSecond = await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = second }, As(People.VictimSupport));

        Assert.False(second.Signature.IsEmpty);
        Assert.True(verifiedFirst.Matches, verifiedFirst.Explanation);
        Assert.True(verifiedSecond.Matches, verifiedSecond.Explanation);
        // The first receipt with the second's time: the bid service recorded another time for version 1.
        var swapped = first.Clone();
        swapped.ReceivedAt = second.ReceivedAt;
        Assert.Contains((await Bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = swapped }, As(People.VictimSupport))).Differences, d => d.Field == "received_at");
    }
}
