using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Procurement.Bids.Receipts;
using Procurement.Contracts.Bid.V1;

namespace Procurement.Bids.Tests.Receipts;

public sealed class ReceiptKeyRingTests
{
    private static readonly ECDsa KeyOne = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa KeyTwo = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static ReceiptKeyRing Ring(string environment, params (string Key, string? Value)[] settings)
    {
        var options = new ReceiptKeyOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => s.Value)).Build()
            .GetSection(ReceiptKeyOptions.SectionName).Bind(options);
        return ReceiptKeyRing.Create(options, environment);
    }

    private static Receipt Receipt() => new()
    {
        BidId = Guid.NewGuid().ToString(), Version = 1, TenderId = Guid.NewGuid().ToString(), Supplier = "victim-support",
        ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 10, 15, 30, TimeSpan.Zero).AddTicks(1234560)),
        DigestSha256 = new string('a', 64),
    };

    [Fact]
    public void Outside_Development_without_a_key_the_service_refuses_to_start_saying_what_to_configure()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Ring("Production"));

        Assert.Contains("No receipt signing key is configured (Receipts:SigningKeyId)", refused.Message);
        Assert.Contains("refused in the 'Production' environment", refused.Message);
        Assert.Contains("Receipts:Keys:<id>:PrivateKey", refused.Message);
    }

    [Fact]
    public void Development_or_AllowDevelopmentKey_signs_with_the_development_key()
    {
        using var development = Ring("Development");
        using var allowed = Ring("Production", ("Receipts:AllowDevelopmentKey", "true"));

        Assert.Equal(("development", "development"), (development.ActiveKeyId, allowed.ActiveKeyId));
    }

    [Fact]
    public void A_configured_key_signs_in_PEM_or_base64_PKCS8_and_the_development_key_is_not_published()
    {
        using var pem = Ring("Production", ("Receipts:SigningKeyId", "2027-01"), ("Receipts:Keys:2027-01:PrivateKey", KeyOne.ExportPkcs8PrivateKeyPem()));
        using var base64 = Ring("Production", ("Receipts:SigningKeyId", "2027-01"), ("Receipts:Keys:2027-01:PrivateKey", Convert.ToBase64String(KeyOne.ExportPkcs8PrivateKey())));

        Assert.Equal(["2027-01"], pem.Published.Keys.Select(k => k.KeyId));
        Assert.True(base64.Verify(pem.Sign(Receipt())).Valid);
    }

    [Fact]
    public void After_rotation_new_receipts_use_the_new_key_and_old_ones_still_verify_with_the_retired_key()
    {
        using var before = Ring("Production", ("Receipts:SigningKeyId", "k1"), ("Receipts:Keys:k1:PrivateKey", KeyOne.ExportPkcs8PrivateKeyPem()));
        var old = before.Sign(Receipt());

        // k1 retired: only its public key stays, published beside the active k2.
        using var after = Ring("Production", ("Receipts:SigningKeyId", "k2"),
            ("Receipts:Keys:k1:PublicKey", KeyOne.ExportSubjectPublicKeyInfoPem()), ("Receipts:Keys:k2:PrivateKey", KeyTwo.ExportPkcs8PrivateKeyPem()));
        var fresh = after.Sign(Receipt());

        Assert.Equal([("k1", false), ("k2", true)], after.Published.Keys.Select(k => (k.KeyId, k.Active)));
        Assert.Equal("k2", fresh.KeyId);
        Assert.Equal((true, "signature verifies with key k1 (retired)."), (after.Verify(old).Valid, after.Verify(old).Explanation));
        Assert.True(after.Verify(fresh).Valid);
    }

    [Fact]
    public void A_new_key_may_be_published_before_it_signs()
    {
        using var staged = Ring("Production", ("Receipts:SigningKeyId", "k1"),
            ("Receipts:Keys:k1:PrivateKey", KeyOne.ExportPkcs8PrivateKeyPem()), ("Receipts:Keys:k2:PrivateKey", KeyTwo.ExportPkcs8PrivateKeyPem()));

        Assert.Equal([("k1", true), ("k2", false)], staged.Published.Keys.Select(k => (k.KeyId, k.Active)));
        Assert.Equal("k1", staged.Sign(Receipt()).KeyId);
    }

    [Theory]
    [InlineData("k2", "Receipts:SigningKeyId is 'k2', but Receipts:Keys:k2:PrivateKey is not configured.")]
    [InlineData("", "Receipts:Keys lists keys but Receipts:SigningKeyId does not say which one signs new receipts.")]
    public void A_signing_key_that_is_not_there_stops_the_service(string signingKeyId, string message)
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            Ring("Production", ("Receipts:SigningKeyId", signingKeyId), ("Receipts:Keys:k1:PrivateKey", KeyOne.ExportPkcs8PrivateKeyPem())));

        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void A_key_that_is_not_ECDSA_P256_is_refused_without_echoing_it()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var wrongCurve = Assert.Throws<InvalidOperationException>(() =>
            Ring("Production", ("Receipts:SigningKeyId", "k1"), ("Receipts:Keys:k1:PrivateKey", p384.ExportPkcs8PrivateKeyPem())));
        var garbage = Assert.Throws<InvalidOperationException>(() =>
            Ring("Production", ("Receipts:SigningKeyId", "k1"), ("Receipts:Keys:k1:PrivateKey", "bm90LWEta2V5")));
        var retiredSigner = Assert.Throws<InvalidOperationException>(() =>
            Ring("Production", ("Receipts:SigningKeyId", "k1"), ("Receipts:Keys:k1:PublicKey", KeyOne.ExportSubjectPublicKeyInfoPem())));

        Assert.StartsWith("Receipts:Keys:k1:PrivateKey is not an ECDSA P-256 private key", wrongCurve.Message);
        Assert.StartsWith("Receipts:Keys:k1:PrivateKey is not an ECDSA P-256 private key", garbage.Message);
        Assert.DoesNotContain("bm90LWEta2V5", garbage.Message);
        Assert.Contains("needs its PrivateKey", retiredSigner.Message);
    }
}
