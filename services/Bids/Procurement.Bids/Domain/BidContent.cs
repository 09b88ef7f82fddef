namespace Procurement.Bids.Domain;

/// <summary>An amount in integer minor units (pence for GBP).</summary>
public readonly record struct Money(long MinorUnits, string Currency);

public sealed record CriterionResponse(string CriterionId, string Text);

public sealed record LotOffer(string LotId, Money AnnualPrice, IReadOnlyList<CriterionResponse> Responses);

public sealed record Declarations(bool AcceptsTerms, bool MeetsMandatoryRequirements, bool NoConflictsDeclared);

/// <summary>One version of a supplier's bid: what the receipt's digest covers.</summary>
public sealed record BidVersion(
    Guid BidId, int Version, Guid TenderId, string Supplier, DateTimeOffset ReceivedAt,
    IReadOnlyList<LotOffer> Offers, Declarations Declarations);
