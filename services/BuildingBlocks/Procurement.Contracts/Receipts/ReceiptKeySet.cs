using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Procurement.Contracts.Bid.V1;

namespace Procurement.Contracts.Receipts;

/// <summary>A public receipt key: its id, the P-256 point, and whether it signs new receipts (the others are retired).</summary>
public sealed record ReceiptPublicKey(string KeyId, ECPoint Point, bool Active)
{
    public const string Curve = "P-256";

    public byte[] SubjectPublicKeyInfo()
    {
        using var key = ECDsa.Create(Parameters());
        return key.ExportSubjectPublicKeyInfo();
    }

    public ECParameters Parameters() => new() { Curve = ECCurve.NamedCurves.nistP256, Q = Point };

    /// <summary>A public key from a DER SubjectPublicKeyInfo, refused unless it is an EC key on P-256.</summary>
    public static ReceiptPublicKey FromSubjectPublicKeyInfo(string keyId, byte[] spki, bool active)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki, out _);
        return FromKey(keyId, key, active);
    }

    public static ReceiptPublicKey FromKey(string keyId, ECDsa key, bool active)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (key.KeySize != 256 || parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new CryptographicException($"Receipt key '{keyId}' is not an ECDSA key on the curve P-256.");
        return new ReceiptPublicKey(keyId, parameters.Q, active);
    }
}

/// <summary>
/// The outcome of checking a receipt's signature: the key it verified with, or why it did not verify and the field at
/// fault ("signature", or "key_id", "signature_format", "signature_algorithm" when the signature cannot even be checked).
/// </summary>
public sealed record SignatureCheck(bool Valid, string? KeyId, string Explanation, string Field = "signature");

/// <summary>
/// The bid service's public receipt keys, as ListReceiptKeys returns them and as a JSON Web Key Set (RFC 7517: EC keys with
/// kty, crv, x, y, kid, alg, use), and the check of a receipt's signature against them (docs/receipts.md).
/// </summary>
public sealed class ReceiptKeySet(IEnumerable<ReceiptPublicKey> keys)
{
    public IReadOnlyList<ReceiptPublicKey> Keys { get; } = keys.ToList();

    public static ReceiptKeySet From(ListReceiptKeysResponse response) =>
        new(response.Keys.Select(k => ReceiptPublicKey.FromSubjectPublicKeyInfo(k.KeyId, k.PublicKey.ToByteArray(), k.Active)));

    public ListReceiptKeysResponse ToResponse()
    {
        var response = new ListReceiptKeysResponse();
        response.Keys.AddRange(Keys.Select(k => new ReceiptKey
        {
            KeyId = k.KeyId, Algorithm = ReceiptPayload.Algorithm, PublicKey = Google.Protobuf.ByteString.CopyFrom(k.SubjectPublicKeyInfo()), Active = k.Active,
        }));
        return response;
    }

    public SignatureCheck Verify(Receipt receipt)
    {
        if (receipt.Signature.IsEmpty)
            return new(false, null, "signature is missing: the receipt is not signed, so it proves nothing by itself.");
        if (receipt.SignatureFormat != ReceiptPayload.Format)
            return new(false, null, $"signature_format is '{receipt.SignatureFormat}'; receipts are signed in the format '{ReceiptPayload.Format}'.", "signature_format");
        if (receipt.SignatureAlgorithm != ReceiptPayload.Algorithm)
            return new(false, null, $"signature_algorithm is '{receipt.SignatureAlgorithm}'; receipts are signed with {ReceiptPayload.Algorithm}.", "signature_algorithm");
        if (Keys.FirstOrDefault(k => k.KeyId == receipt.KeyId) is not { } key)
            return new(false, null, $"key_id '{receipt.KeyId}' is not a receipt key of the bid service (it publishes {string.Join(", ", Keys.Select(k => k.KeyId))}).", "key_id");
        using var ecdsa = ECDsa.Create(key.Parameters());
        var valid = ecdsa.VerifyData(ReceiptPayload.Encode(receipt), receipt.Signature.Span, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return valid
            ? new(true, key.KeyId, $"signature verifies with key {key.KeyId}{(key.Active ? "" : " (retired)")}.")
            : new(false, null, $"signature does not verify with key {key.KeyId}: a field was changed after the bid service signed the receipt, or it did not sign it.");
    }

    /// <summary>The key set as a JSON Web Key Set: {"keys":[{"kty":"EC","crv":"P-256","x":…,"y":…,"kid":…,"alg":"ES256","use":"sig"}, …]}.</summary>
    public string ToJwks()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                json.WriteStartObject();
                json.WriteString("kty", "EC");
                json.WriteString("crv", ReceiptPublicKey.Curve);
                json.WriteString("x", Base64Url.EncodeToString(key.Point.X));
                json.WriteString("y", Base64Url.EncodeToString(key.Point.Y));
                json.WriteString("kid", key.KeyId);
                json.WriteString("alg", ReceiptPayload.Algorithm);
                json.WriteString("use", "sig");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The EC P-256 signing keys of a JSON Web Key Set; other keys are skipped. A JWKS says nothing of which key is active,
    /// so none is marked so. Throws <see cref="FormatException"/> naming what is wrong.
    /// </summary>
    public static ReceiptKeySet FromJwks(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new FormatException("Not a JSON Web Key Set: there is no \"keys\" array.");
        var found = new List<ReceiptPublicKey>();
        foreach (var key in keys.EnumerateArray())
        {
            if (Text(key, "kty") != "EC" || Text(key, "crv") != ReceiptPublicKey.Curve) continue;
            if (Text(key, "use") is { } use && use != "sig") continue;
            if (Text(key, "alg") is { } alg && alg != ReceiptPayload.Algorithm) continue;
            var kid = Text(key, "kid") ?? throw new FormatException("A key of the set has no \"kid\".");
            var point = new ECPoint { X = Coordinate(key, "x", kid), Y = Coordinate(key, "y", kid) };
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = point });
            found.Add(ReceiptPublicKey.FromKey(kid, ecdsa, active: false));
        }
        return new ReceiptKeySet(found);
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Coordinate(JsonElement key, string name, string kid)
    {
        var text = Text(key, name) ?? throw new FormatException($"Key '{kid}' has no \"{name}\".");
        var bytes = Base64Url.DecodeFromChars(text);
        return bytes.Length == 32 ? bytes : throw new FormatException($"Key '{kid}': \"{name}\" is {bytes.Length} bytes; a P-256 coordinate is 32.");
    }
}
