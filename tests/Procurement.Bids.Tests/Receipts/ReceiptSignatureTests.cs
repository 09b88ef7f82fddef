using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Procurement.Bids.Receipts;
using Procurement.Bids.Tests.Domain;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;

namespace Procurement.Bids.Tests.Receipts;

public sealed class ReceiptSignatureTests
{
    private static readonly string Fixtures = Path.Combine(TestInfrastructure.RepositoryRoot, "tests", "Interop", "grpc-js", "test", "fixtures");

    private static ReceiptKeyRing DevelopmentRing() => ReceiptKeyRing.Create(new ReceiptKeyOptions(), "Development");

    private static Receipt Seed() => new()
    {
        BidId = SeedBids.BidId.ToString(), Version = 1, TenderId = SeedBids.TenderId.ToString(), Supplier = "victim-support",
        ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 10, 30, 16, 45, 0, TimeSpan.Zero)),
        DigestSha256 = "04bc2f3fb16062fe63df258bf94e9fef55377df8404087156547c475a8f04bee",
    };

    [Fact]
    public void Payload_is_the_documented_bytes()
    {
        var receipt = Seed();
        (receipt.SignatureFormat, receipt.SignatureAlgorithm, receipt.KeyId) = (ReceiptPayload.Format, ReceiptPayload.Algorithm, "development");

        Assert.Equal(
            "format:22:procurement.receipt/v1\nalgorithm:5:ES256\nkey_id:11:development\n" +
            "bid_id:36:b7e0c1d2-3a4b-4c5d-8e9f-a0b1c2d3e4f5\nversion:1:1\ntender_id:36:6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a10\n" +
            "supplier:14:victim-support\nreceived_at:30:2022-10-30T16:45:00.000000000Z\n" +
            "digest_sha256:64:04bc2f3fb16062fe63df258bf94e9fef55377df8404087156547c475a8f04bee\n",
            Encoding.UTF8.GetString(ReceiptPayload.Encode(receipt)));
    }

    [Fact]
    public void Time_has_exactly_nine_fractional_digits_to_the_nanosecond()
    {
        Assert.Equal("2022-10-30T16:45:00.123456789Z", ReceiptPayload.Time(new Timestamp { Seconds = 1667148300, Nanos = 123_456_789 }));
        Assert.Equal("0001-01-01T00:00:00.000000000Z", ReceiptPayload.Time(new Timestamp { Seconds = -62_135_596_800 }));
    }

    [Fact]
    public void A_receipt_signed_by_openssl_from_the_documented_bytes_verifies_here()
    {
        var receipt = JsonParser.Default.Parse<Receipt>(File.ReadAllText(Path.Combine(Fixtures, "development-receipt.json")));
        var keys = ReceiptKeySet.FromJwks(File.ReadAllText(Path.Combine(Fixtures, "development-keys.json")));

        Assert.True(keys.Verify(receipt).Valid);
        Assert.True(DevelopmentRing().Verify(receipt).Valid);
    }

    [Fact]
    public void A_signed_receipt_verifies_with_the_published_key()
    {
        using var ring = DevelopmentRing();

        var receipt = ring.Sign(Seed());
        var check = ring.Verify(receipt);

        Assert.Equal((ReceiptPayload.Format, ReceiptPayload.Algorithm, "development", 64), (receipt.SignatureFormat, receipt.SignatureAlgorithm, receipt.KeyId, receipt.Signature.Length));
        Assert.Equal((true, "development"), (check.Valid, check.KeyId));
    }

    public static TheoryData<string, Action<Receipt>> Alterations => new()
    {
        { "bid_id", r => r.BidId = Guid.NewGuid().ToString() },
        { "version", r => r.Version = 2 },
        { "tender_id", r => r.TenderId = Guid.NewGuid().ToString() },
        { "supplier", r => r.Supplier = "catch-22" },
        { "received_at", r => r.ReceivedAt.Seconds += 1 },
        { "received_at (1 µs)", r => r.ReceivedAt.Nanos += 1000 },
        { "digest_sha256", r => r.DigestSha256 = new string('0', 64) },
        { "signature", r => r.Signature = ByteString.CopyFrom([.. r.Signature.Span[..^1], (byte)(r.Signature.Span[^1] ^ 1)]) },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Any_field_altered_after_signing_fails_the_signature_naming_the_key(string field, Action<Receipt> alter)
    {
        using var ring = DevelopmentRing();
        var receipt = ring.Sign(Seed());

        alter(receipt);
        var check = ring.Verify(receipt);

        Assert.False(check.Valid, field);
        Assert.StartsWith("signature does not verify with key development", check.Explanation);
    }

    [Theory]
    [InlineData("key_id", "key_id 'k9' is not a receipt key of the bid service (it publishes development).")]
    [InlineData("signature_format", "signature_format is 'procurement.receipt/v2'; receipts are signed in the format 'procurement.receipt/v1'.")]
    [InlineData("signature_algorithm", "signature_algorithm is 'ES512'; receipts are signed with ES256.")]
    [InlineData("unsigned", "signature is missing: the receipt is not signed, so it proves nothing by itself.")]
    public void What_names_the_signature_is_checked_too(string field, string explanation)
    {
        using var ring = DevelopmentRing();
        var receipt = ring.Sign(Seed());

        switch (field)
        {
            case "key_id": receipt.KeyId = "k9"; break;
            case "signature_format": receipt.SignatureFormat = "procurement.receipt/v2"; break;
            case "signature_algorithm": receipt.SignatureAlgorithm = "ES512"; break;
            default: receipt.Signature = ByteString.Empty; break;
        }

        Assert.Equal((false, explanation), (ring.Verify(receipt).Valid, ring.Verify(receipt).Explanation));
    }

    [Fact]
    public void The_key_set_as_a_JWKS_has_each_key_with_kty_crv_x_y_kid_alg_use_and_reads_back()
    {
        using var ring = DevelopmentRing();

        var jwks = ring.Published.ToJwks();
        using var document = JsonDocument.Parse(jwks);
        var key = Assert.Single(document.RootElement.GetProperty("keys").EnumerateArray());
        var back = ReceiptKeySet.FromJwks(jwks);

        Assert.Equal(["kty", "crv", "x", "y", "kid", "alg", "use"], key.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("EC", "P-256", "development", "ES256", "sig"),
            (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("kid").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()));
        Assert.Equal(ring.Published.Keys[0].Point.X, back.Keys[0].Point.X);
        Assert.Equal(ring.Published.Keys[0].Point.Y, back.Keys[0].Point.Y);
        Assert.True(back.Verify(ring.Sign(Seed())).Valid);
    }

    [Fact]
    public void A_JWKS_that_is_not_one_is_refused_saying_why()
    {
        Assert.Contains("no \"keys\" array", Assert.Throws<FormatException>(() => ReceiptKeySet.FromJwks("{}")).Message);
        Assert.Contains("\"x\" is 3 bytes", Assert.Throws<FormatException>(() =>
            ReceiptKeySet.FromJwks("""{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","x":"AQID","y":"AQID"}]}""")).Message);
    }

    [Fact]
    public void Published_keys_round_trip_through_ListReceiptKeys()
    {
        using var ring = DevelopmentRing();

        var response = ring.Published.ToResponse();
        var key = Assert.Single(response.Keys);
        using var parsed = ECDsa.Create();
        parsed.ImportSubjectPublicKeyInfo(key.PublicKey.Span, out _);

        Assert.Equal(("development", "ES256", true), (key.KeyId, key.Algorithm, key.Active));
        Assert.True(ReceiptKeySet.From(response).Verify(ring.Sign(Seed())).Valid);
    }
}
