namespace Procurement.Tenders.Domain;

public enum TenderStatus
{
    Draft,
    Published,
    /// <summary>The submission deadline passed; bids are opened lot by lot.</summary>
    Closed,
    Cancelled,
    /// <summary>Every lot is awarded or cancelled.</summary>
    Complete,
}

public enum LotStatus
{
    Active,
    Cancelled,
    Awarded,
}

/// <summary>A published revision of the tender: revision 1 is the publication, each amendment adds one.</summary>
public sealed record TenderRevision(int Number, DateTimeOffset At, string By, string Summary, TenderContent Content);

public sealed record LotState(LotStatus Status, string? CancellationReason);
