namespace Procurement.Bids.Domain;

/// <summary>Who is asking, as far as bid access cares (built from the caller's token by the service).</summary>
/// <param name="Organisation">The caller's organisation, e.g. "victim-support" or "kent-opcc".</param>
/// <param name="Commissioner">The commissioner the caller acts for, if any (its office or its force).</param>
/// <param name="IsSupplier">Holds the supplier role.</param>
public sealed record BidReader(string Organisation, string? Commissioner, bool IsSupplier);

public enum AccessOutcome
{
    Allowed,
    /// <summary>PERMISSION_DENIED: the caller may know the thing exists, but not read it.</summary>
    Denied,
    /// <summary>NOT_FOUND: not even its existence may be told to this caller.</summary>
    Hidden,
    /// <summary>FAILED_PRECONDITION: the caller may read it once it is opened, not before.</summary>
    Sealed,
}

public sealed record AccessDecision(AccessOutcome Outcome, string Reason)
{
    public static readonly AccessDecision Allow = new(AccessOutcome.Allowed, "");
    public bool Allowed => Outcome == AccessOutcome.Allowed;
}

/// <summary>
/// Sealed bids (DOMAIN.md): before the deadline nobody but its supplier reads any part of a bid;
/// after opening, only the evaluation of the bid's own lot reads that lot's offers (through the
/// moderation service, which admits each panel member). A supplier never
/// learns that another supplier bid.
/// </summary>
public static class BidAccess
{
    /// <summary>A whole bid (all versions, all lots): its own supplier only, at any time.</summary>
    public static AccessDecision CanReadBid(BidReader reader, Bid bid) =>
        reader.IsSupplier && reader.Organisation == bid.Supplier
            ? AccessDecision.Allow
            // Hidden, not denied: whether another organisation bid at all is itself sealed.
            : new AccessDecision(AccessOutcome.Hidden, $"No bid {bid.Id} is visible to {reader.Organisation}.");

    /// <summary>
    /// The opened offers of one lot, for the suite's moderation service (the only caller the internal
    /// OpenedBidService admits): after that lot's opening only. Which panel member may see which of them is
    /// decided by the moderation service alone (decision 0021), never here.
    /// </summary>
    public static AccessDecision CanReleaseOpenedOffers(TenderView tender, string lotId, bool lotOpened)
    {
        if (tender.Lot(lotId) is null)
            return new AccessDecision(AccessOutcome.Hidden, $"The tender has no lot '{lotId}'.");
        if (!lotOpened)
            return new AccessDecision(AccessOutcome.Sealed,
                $"The bids for lot '{lotId}' are sealed until they are opened after the submission deadline ({tender.SubmissionDeadline:u}).");
        return AccessDecision.Allow;
    }
}
