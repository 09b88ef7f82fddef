using Procurement.Bids.Domain;
using Procurement.Contracts.Events;

namespace Procurement.Bids.Messaging;

/// <summary>Turns each opened lot into its <see cref="BidsOpened"/> event, for that lot's commissioner's evaluation.</summary>
public static class OpeningEvents
{
    public static BidsOpened ToEvent(Guid tenderId, OpenedLot lot, DateTimeOffset openedAt) =>
        new(tenderId, lot.LotId, lot.Commissioner,
            [.. lot.Offers.Select(o => new OpenedBid(
                o.BidId, o.BidVersion, o.Supplier,
                new Contracts.Events.Money(o.Offer.AnnualPrice.MinorUnits, o.Offer.AnnualPrice.Currency),
                o.DigestSha256, o.Compliance.Compliant, o.Compliance.Reasons))],
            openedAt);
}
