using Procurement.Bids.Domain;
using Procurement.Contracts.Bid.V1;
using DomainBid = Procurement.Bids.Domain.Bid;
using Receipt = Procurement.Contracts.Bid.V1.Receipt;

namespace Procurement.Bids.Grpc;

/// <summary>
/// Compares a receipt with what the bid service holds, recomputing the digest from the stored content
/// (not from a stored digest), so a match proves the content is what the supplier sent.
/// </summary>
internal static class ReceiptCheck
{
    public static VerifyReceiptResponse Verify(DomainBid bid, Receipt receipt)
    {
        var current = bid.Current;
        var counting = BidDigest.Compute(current);
        var response = new VerifyReceiptResponse { HeldDigestSha256 = counting };
        var version = bid.Versions.FirstOrDefault(v => v.Version == receipt.Version);
        if (version is null)
        {
            response.Explanation = $"Bid {bid.Id} has no version {receipt.Version}; it holds versions 1 to {current.Version}.";
            return response;
        }
        var held = version == current ? counting : BidDigest.Compute(version);
        var sameFacts = receipt.TenderId == bid.TenderId.ToString() && receipt.Supplier == bid.Supplier;
        response.Matches = sameFacts && string.Equals(held, receipt.DigestSha256, StringComparison.Ordinal);
        response.Explanation = (response.Matches, version == current, bid.Status == Domain.BidStatus.Opened) switch
        {
            (false, _, _) when !sameFacts =>
                "The receipt names another tender or supplier than the bid it claims: it was not issued for this bid.",
            (false, _, _) =>
                $"Version {version.Version} is held with digest {held}, not {receipt.DigestSha256}: the receipt was altered or was not issued for this version.",
            (true, true, true) =>
                $"Version {version.Version} was opened with exactly this digest: what was opened is what you sent.",
            (true, true, false) =>
                $"Version {version.Version} is held with exactly this digest; it is the version that will be opened.",
            (true, false, _) =>
                $"Version {version.Version} was received with exactly this digest, but version {current.Version} replaced it and is the one that counts.",
        };
        return response;
    }
}
