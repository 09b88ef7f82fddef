namespace Procurement.Bids.Receipts;

/// <summary>
/// The keys receipts are signed with; bound from the "Receipts" section (docs/receipts.md, "Keys"):
/// <code>
/// Receipts:SigningKeyId = 2027-01                       the one key that signs new receipts
/// Receipts:Keys:2027-01:PrivateKey = -----BEGIN PRIVATE KEY----- …   (PEM, or base64 PKCS#8; ECDSA P-256)
/// Receipts:Keys:2026-06:PublicKey  = -----BEGIN PUBLIC KEY----- …    (a retired key: PEM, or base64 SubjectPublicKeyInfo)
/// </code>
/// Every key listed is published; old receipts keep verifying with a retired key as long as it stays listed. Without any
/// key the public development key is used, which only Development or <see cref="AllowDevelopmentKey"/> permits.
/// </summary>
public sealed class ReceiptKeyOptions
{
    public const string SectionName = "Receipts";

    public string? SigningKeyId { get; set; }

    public Dictionary<string, ReceiptKeyEntry> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Sign with the public development key outside the Development environment (integration tests).</summary>
    public bool AllowDevelopmentKey { get; set; }

    public bool UsesDevelopmentKey => string.IsNullOrWhiteSpace(SigningKeyId) && Keys.Count == 0;
}

/// <summary>One key: the private key (it may sign; its public part is published), or only the public key (retired).</summary>
public sealed class ReceiptKeyEntry
{
    public string? PrivateKey { get; set; }
    public string? PublicKey { get; set; }
}
