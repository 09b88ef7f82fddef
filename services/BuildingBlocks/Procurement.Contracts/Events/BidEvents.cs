namespace Procurement.Contracts.Events;

/// <summary>One bid's offer for a lot, as opened at the deadline.</summary>
public sealed record OpenedBid(
    Guid BidId, int BidVersion, string Supplier, Money AnnualPrice, string DigestSha256,
    bool Compliant, IReadOnlyList<string> NonComplianceReasons);

/// <summary>The bids of one lot, opened after the submission deadline, for that lot's commissioner's evaluation.</summary>
public sealed record BidsOpened(Guid TenderId, string LotId, string Commissioner, IReadOnlyList<OpenedBid> Bids, DateTimeOffset OpenedAt);
