using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Bid.V1;

namespace Procurement.Contracts.Receipts;

/// <summary>
/// The bytes a receipt's signature covers, format "procurement.receipt/v1" (docs/receipts.md, decision 0019): one
/// "name:length:value\n" line per field, in a fixed order, the length in UTF-8 bytes of the value, as the bid digest
/// is encoded (decision 0004). Values are the receipt's own, verbatim; the time is RFC 3339 in UTC with exactly nine
/// fractional digits, so every Timestamp has exactly one spelling. Changing this breaks every receipt issued.
/// </summary>
public static class ReceiptPayload
{
    public const string Format = "procurement.receipt/v1";

    /// <summary>The JWS name of the one algorithm receipts are signed with: ECDSA on P-256 with SHA-256, r||s.</summary>
    public const string Algorithm = "ES256";

    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range of google.protobuf.Timestamp.
    private const long FirstSecond = -62_135_596_800;
    private const long LastSecond = 253_402_300_799;

    public static byte[] Encode(Receipt receipt)
    {
        var bytes = new MemoryStream();
        Field(bytes, "format", receipt.SignatureFormat);
        Field(bytes, "algorithm", receipt.SignatureAlgorithm);
        Field(bytes, "key_id", receipt.KeyId);
        Field(bytes, "bid_id", receipt.BidId);
        Field(bytes, "version", receipt.Version.ToString(CultureInfo.InvariantCulture));
        Field(bytes, "tender_id", receipt.TenderId);
        Field(bytes, "supplier", receipt.Supplier);
        Field(bytes, "received_at", receipt.ReceivedAt is { } at ? Time(at) : "");
        Field(bytes, "digest_sha256", receipt.DigestSha256);
        return bytes.ToArray();
    }

    /// <summary>"2026-11-22T10:15:30.123456000Z": the instant to the nanosecond, the one spelling the payload uses.</summary>
    public static string Time(Timestamp at)
    {
        if (at.Nanos is < 0 or > 999_999_999 || at.Seconds < FirstSecond || at.Seconds > LastSecond)
            return $"invalid({at.Seconds.ToString(CultureInfo.InvariantCulture)},{at.Nanos.ToString(CultureInfo.InvariantCulture)})";
        var second = DateTimeOffset.FromUnixTimeSeconds(at.Seconds);
        return second.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + "." +
               at.Nanos.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    private static void Field(MemoryStream stream, string name, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        stream.Write(Encoding.ASCII.GetBytes($"{name}:{utf8.Length.ToString(CultureInfo.InvariantCulture)}:"));
        stream.Write(utf8);
        stream.WriteByte((byte)'\n');
    }
}
