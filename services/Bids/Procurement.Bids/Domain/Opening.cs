namespace Procurement.Bids.Domain;

/// <summary>The opened offers of one lot, for that lot's commissioner's evaluation.</summary>
public sealed record OpenedLot(string LotId, string Commissioner, IReadOnlyList<OpenedOffer> Offers);

/// <summary>
/// At the deadline every bid of the tender is opened, and the offers are grouped lot by lot: each
/// commissioner's panel gets its own lot's offers and nothing else. Every active lot is reported,
/// even one that received no offers, so its evaluation knows it is empty rather than waiting.
/// </summary>
public static class Opening
{
    public static IReadOnlyList<OpenedLot> OpenLots(TenderView tender, IEnumerable<Bid> bids)
    {
        if (tender.Phase != TenderPhase.Closed)
            throw new BidException(BidRefusal.FailedPrecondition, "Bids are opened only once the tender has closed.");
        var offers = bids
            .Where(b => b.TenderId == tender.TenderId)
            .OrderBy(b => b.Id)
            .SelectMany(b => b.Open(tender))
            .ToLookup(o => o.Offer.LotId, StringComparer.Ordinal);
        return
        [
            .. tender.Lots
                .Where(l => !l.Cancelled)
                .Select(l => new OpenedLot(l.LotId, l.Commissioner, [.. offers[l.LotId]])),
        ];
    }
}
