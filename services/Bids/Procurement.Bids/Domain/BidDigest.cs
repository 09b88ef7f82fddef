using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Procurement.Bids.Domain;

/// <summary>
/// The canonical encoding of a bid version and its SHA-256 digest (docs/decisions/0004). The same
/// content always encodes to the same bytes: offers sorted by lot id, responses by criterion id,
/// every field length-prefixed, instants as UTC ticks. Text is hashed exactly as the supplier sent it
/// (no Unicode normalisation: the receipt proves the very bytes received). Changing this format breaks old receipts.
/// </summary>
public static class BidDigest
{
    public const string FormatName = "procurement.bid/v1";

    public static string Compute(BidVersion bid) => Convert.ToHexStringLower(SHA256.HashData(Encode(bid)));

    public static byte[] Encode(BidVersion bid)
    {
        var writer = new CanonicalWriter();
        writer.Field("format", FormatName);
        writer.Field("bid", bid.BidId.ToString("D"));
        writer.Field("version", bid.Version);
        writer.Field("tender", bid.TenderId.ToString("D"));
        writer.Field("supplier", bid.Supplier);
        writer.Field("received", bid.ReceivedAt.UtcTicks);
        var offers = bid.Offers.OrderBy(o => o.LotId, StringComparer.Ordinal).ToList();
        writer.Field("offers", offers.Count);
        foreach (var offer in offers)
        {
            writer.Field("lot", offer.LotId);
            writer.Field("price", offer.AnnualPrice.MinorUnits);
            writer.Field("currency", offer.AnnualPrice.Currency);
            var responses = offer.Responses.OrderBy(r => r.CriterionId, StringComparer.Ordinal).ToList();
            writer.Field("responses", responses.Count);
            foreach (var response in responses)
            {
                writer.Field("criterion", response.CriterionId);
                writer.Field("text", response.Text);
            }
        }
        writer.Field("accepts_terms", bid.Declarations.AcceptsTerms);
        writer.Field("meets_mandatory_requirements", bid.Declarations.MeetsMandatoryRequirements);
        writer.Field("no_conflicts_declared", bid.Declarations.NoConflictsDeclared);
        return writer.ToArray();
    }

    /// <summary>Writes "name:length:value\n" with the value's UTF-8 byte length, so no value can be mistaken for another.</summary>
    private sealed class CanonicalWriter
    {
        private readonly MemoryStream _stream = new();

        public void Field(string name, string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Write($"{name}:{bytes.Length.ToString(CultureInfo.InvariantCulture)}:");
            _stream.Write(bytes);
            _stream.WriteByte((byte)'\n');
        }

        public void Field(string name, long value) => Field(name, value.ToString(CultureInfo.InvariantCulture));
        public void Field(string name, bool value) => Field(name, value ? "true" : "false");

        public byte[] ToArray() => _stream.ToArray();

        private void Write(string ascii) => _stream.Write(Encoding.ASCII.GetBytes(ascii));
    }
}
