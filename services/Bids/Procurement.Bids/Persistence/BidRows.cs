namespace Procurement.Bids.Persistence;

/// <summary>What the bid service knows of a tender, from tender events (Messaging/TenderProjection).</summary>
public sealed class TenderViewRow
{
    public Guid TenderId { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset SubmissionDeadline { get; set; }
    public Domain.TenderPhase Phase { get; set; }
    /// <summary>The lots with the criteria their offers must answer (jsonb).</summary>
    public string Lots { get; set; } = "[]";
    /// <summary>The latest amendment's summary, shown to suppliers whose bids need reconfirmation.</summary>
    public string? AmendmentSummary { get; set; }
    /// <summary>Set once, when the bids were opened at TenderClosed.</summary>
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class BidRow
{
    public Guid Id { get; set; }
    public Guid TenderId { get; set; }
    public string Supplier { get; set; } = "";
    public Domain.BidStatus Status { get; set; }
    public int ConfirmedTenderRevision { get; set; }
    public List<string> VoidLots { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: optimistic concurrency between two changes of one bid.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>One version of a bid, never changed once written: what its receipt's digest covers.</summary>
public sealed class BidVersionRow
{
    public Guid BidId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The offers (jsonb).</summary>
    public string Offers { get; set; } = "[]";
    public bool AcceptsTerms { get; set; }
    public bool MeetsMandatoryRequirements { get; set; }
    public bool NoConflictsDeclared { get; set; }
    /// <summary>The digest given in the receipt, kept so a change of stored content could never go unnoticed.</summary>
    public string DigestSha256 { get; set; } = "";
}

/// <summary>A lot whose bids were opened (even if none came): its evaluation may read them.</summary>
public sealed class OpenedLotRow
{
    public Guid TenderId { get; set; }
    public string LotId { get; set; } = "";
    public string Commissioner { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
}

/// <summary>One bid's offer for one lot, as opened.</summary>
public sealed class OpenedOfferRow
{
    public Guid TenderId { get; set; }
    public string LotId { get; set; } = "";
    public Guid BidId { get; set; }
    public int BidVersion { get; set; }
    public string Supplier { get; set; } = "";
    /// <summary>The offer (jsonb).</summary>
    public string Offer { get; set; } = "{}";
    public string DigestSha256 { get; set; } = "";
    public bool Compliant { get; set; }
    public List<string> NonComplianceReasons { get; set; } = [];
}
