using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Procurement.Bids.Domain;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Receipts;
using DomainBid = Procurement.Bids.Domain.Bid;
using Receipt = Procurement.Contracts.Bid.V1.Receipt;

namespace Procurement.Bids.Grpc;

/// <summary>
/// Compares a receipt, field by field, with what the bid service recorded, recomputing the digest from the stored
/// content (not from a stored digest), and checks its signature. Each field that differs is named with both values,
/// so a receipt matches only when every field is what was recorded and the bid service's key signed exactly those.
/// </summary>
internal static class ReceiptCheck
{
    public static VerifyReceiptResponse Verify(DomainBid bid, Receipt receipt, SignatureCheck signature)
    {
        var current = bid.Current;
        var counting = BidDigest.Compute(current);
        var response = new VerifyReceiptResponse { HeldDigestSha256 = counting };
        var version = bid.Versions.FirstOrDefault(v => v.Version == receipt.Version);

        if (version is null)
            Differ(response, "version", receipt.Version.ToString(CultureInfo.InvariantCulture), $"1 to {current.Version}",
                $"version differs: the receipt says version {receipt.Version}, the bid service recorded versions 1 to {current.Version} of bid {bid.Id}.");
        Compare(response, "tender_id", receipt.TenderId, bid.TenderId.ToString());
        Compare(response, "supplier", receipt.Supplier, bid.Supplier);
        var held = version is null ? null : version == current ? counting : BidDigest.Compute(version);
        if (version is not null)
        {
            Compare(response, "received_at", receipt.ReceivedAt is { } at ? ReceiptPayload.Time(at) : "(none)",
                ReceiptPayload.Time(Timestamp.FromDateTimeOffset(version.ReceivedAt)));
            Compare(response, "digest_sha256", receipt.DigestSha256, held!);
        }
        if (!signature.Valid)
            Differ(response, signature.Field, signature.Field switch
            {
                "signature_format" => receipt.SignatureFormat,
                "signature_algorithm" => receipt.SignatureAlgorithm,
                _ => receipt.KeyId,
            }, "", signature.Explanation);

        response.Matches = response.Differences.Count == 0;
        if (!response.Matches)
        {
            response.Explanation = string.Join(" ", response.Differences.Select(d => d.Explanation)) +
                                   " The receipt was altered, or was not issued by the bid service for this bid.";
            return response;
        }
        var signed = $"signed with key {signature.KeyId}";
        response.Explanation = (version == current, bid.Status == Domain.BidStatus.Opened) switch
        {
            (true, true) => $"Version {version!.Version} was opened with exactly this digest ({signed}): what was opened is what you sent.",
            (true, false) => $"Version {version!.Version} is held with exactly this digest ({signed}); it is the version that will be opened.",
            (false, _) => $"Version {version!.Version} was received with exactly this digest ({signed}), but version {current.Version} replaced it and is the one that counts.",
        };
        return response;
    }

    private static void Compare(VerifyReceiptResponse response, string field, string onReceipt, string recorded)
    {
        if (!string.Equals(onReceipt, recorded, StringComparison.Ordinal))
            Differ(response, field, onReceipt, recorded, $"{field} differs: the receipt says {onReceipt}, the bid service recorded {recorded}.");
    }

    private static void Differ(VerifyReceiptResponse response, string field, string onReceipt, string recorded, string explanation) =>
        response.Differences.Add(new ReceiptDifference { Field = field, OnReceipt = onReceipt, Recorded = recorded, Explanation = explanation });
}
