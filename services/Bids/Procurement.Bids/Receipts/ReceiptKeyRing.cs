using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Procurement.Contracts.Receipts;
using Receipt = Procurement.Contracts.Bid.V1.Receipt;

namespace Procurement.Bids.Receipts;

/// <summary>
/// The bid service's receipt keys: the active one signs every receipt issued, and all of them (active and retired) are
/// published and verify. Built once at start-up from <see cref="ReceiptKeyOptions"/>; a configuration that cannot work
/// stops the service, saying what to set.
/// </summary>
public sealed partial class ReceiptKeyRing : IDisposable
{
    private readonly ECDsa _signingKey;
    private readonly Lock _signing = new();

    private ReceiptKeyRing(string activeKeyId, ECDsa signingKey, ReceiptKeySet published)
    {
        ActiveKeyId = activeKeyId;
        _signingKey = signingKey;
        Published = published;
    }

    public string ActiveKeyId { get; }

    /// <summary>Every key's public part, the active one marked: what ListReceiptKeys and the gateway's JWKS publish.</summary>
    public ReceiptKeySet Published { get; }

    /// <summary>Fills in the receipt's signature fields, signing every field of it (ReceiptPayload).</summary>
    public Receipt Sign(Receipt receipt)
    {
        receipt.SignatureFormat = ReceiptPayload.Format;
        receipt.SignatureAlgorithm = ReceiptPayload.Algorithm;
        receipt.KeyId = ActiveKeyId;
        receipt.Signature = ByteString.Empty;
        var payload = ReceiptPayload.Encode(receipt);
        lock (_signing)
            receipt.Signature = ByteString.CopyFrom(_signingKey.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        return receipt;
    }

    public SignatureCheck Verify(Receipt receipt) => Published.Verify(receipt);

    public static ReceiptKeyRing Create(ReceiptKeyOptions options, string environmentName)
    {
        if (options.UsesDevelopmentKey)
        {
            if (!options.AllowDevelopmentKey && !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"No receipt signing key is configured ({ReceiptKeyOptions.SectionName}:SigningKeyId), so receipts would be signed with the " +
                    $"development key, which is public and refused in the '{environmentName}' environment. Configure " +
                    $"{ReceiptKeyOptions.SectionName}:SigningKeyId and {ReceiptKeyOptions.SectionName}:Keys:<id>:PrivateKey (an ECDSA P-256 key, PEM or " +
                    $"base64 PKCS#8), or set {ReceiptKeyOptions.SectionName}:AllowDevelopmentKey=true where that key is acceptable (tests).");
            var development = ECDsa.Create();
            development.ImportFromPem(DevelopmentReceiptKey.PrivateKeyPem);
            return new ReceiptKeyRing(DevelopmentReceiptKey.KeyId, development,
                new ReceiptKeySet([ReceiptPublicKey.FromKey(DevelopmentReceiptKey.KeyId, development, active: true)]));
        }

        var section = ReceiptKeyOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.SigningKeyId))
            throw new InvalidOperationException($"{section}:Keys lists keys but {section}:SigningKeyId does not say which one signs new receipts.");
        ECDsa? signing = null;
        var published = new List<ReceiptPublicKey>();
        foreach (var (id, entry) in options.Keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!KeyIdPattern().IsMatch(id))
                throw new InvalidOperationException($"{section}:Keys:{id}: a key id is 1 to 64 letters, digits, '.', '_' or '-'.");
            var active = id == options.SigningKeyId;
            using var key = Load(id, entry, active, section);
            published.Add(ReceiptPublicKey.FromKey(id, key, active));
            if (active)
            {
                signing = ECDsa.Create();
                signing.ImportParameters(key.ExportParameters(includePrivateParameters: true));
            }
        }
        if (signing is null)
            throw new InvalidOperationException($"{section}:SigningKeyId is '{options.SigningKeyId}', but {section}:Keys:{options.SigningKeyId}:PrivateKey is not configured.");
        return new ReceiptKeyRing(options.SigningKeyId, signing, new ReceiptKeySet(published));
    }

    private static ECDsa Load(string id, ReceiptKeyEntry entry, bool active, string section)
    {
        var (hasPrivate, hasPublic) = (!string.IsNullOrWhiteSpace(entry.PrivateKey), !string.IsNullOrWhiteSpace(entry.PublicKey));
        if (hasPrivate == hasPublic)
            throw new InvalidOperationException($"{section}:Keys:{id}: give either its PrivateKey (a key that may sign) or its PublicKey (a retired key), not {(hasPrivate ? "both" : "neither")}.");
        if (active && !hasPrivate)
            throw new InvalidOperationException($"{section}:Keys:{id} signs new receipts ({section}:SigningKeyId) and needs its PrivateKey, not only its PublicKey.");
        var key = ECDsa.Create();
        try
        {
            var text = (hasPrivate ? entry.PrivateKey : entry.PublicKey)!.Trim();
            if (text.StartsWith("-----", StringComparison.Ordinal)) key.ImportFromPem(text);
            else if (hasPrivate) key.ImportPkcs8PrivateKey(Convert.FromBase64String(text), out _);
            else key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text), out _);
            _ = ReceiptPublicKey.FromKey(id, key, active);
            return key;
        }
        catch (Exception problem) when (problem is CryptographicException or FormatException or ArgumentException)
        {
            key.Dispose();
            throw new InvalidOperationException(
                $"{section}:Keys:{id}:{(hasPrivate ? "PrivateKey" : "PublicKey")} is not an ECDSA P-256 {(hasPrivate ? "private key (PEM, or base64 PKCS#8)" : "public key (PEM, or base64 SubjectPublicKeyInfo)")}: {problem.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyIdPattern();

    public void Dispose() => _signingKey.Dispose();
}
