namespace Procurement.Awards.Persistence;

/// <summary>What the award service knows of a tender from its announcements: for the regime, the lots' terms and the OCDS package.</summary>
public sealed class TenderInfoRow
{
    public Guid TenderId { get; set; }
    public int Revision { get; set; }
    public string Reference { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string ProcuringEntity { get; set; } = "";
    public List<string> Commissioners { get; set; } = [];
    public string Regime { get; set; } = "";
    /// <summary>The LotSummary list of the latest revision (jsonb).</summary>
    public string Lots { get; set; } = "[]";
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset SubmissionDeadline { get; set; }
    public List<string> CancelledLots { get; set; } = [];
    /// <summary>The TenderAmendmentRecord list, one per TenderAmended applied, oldest first (jsonb).</summary>
    public string Amendments { get; set; } = "[]";
}

/// <summary>An amendment of a published tender as TenderAmended announced it: for the OCDS tender.amendments.</summary>
public sealed record TenderAmendmentRecord(int Revision, string Summary, DateTimeOffset AmendedAt);

/// <summary>One lot's award: the columns lists need, and the whole aggregate as a document.</summary>
public sealed class AwardRow
{
    public Guid Id { get; set; }
    public Guid TenderId { get; set; }
    public string LotId { get; set; } = "";
    public string Commissioner { get; set; } = "";
    /// <summary>Every bidder of the lot: lets a supplier's own assessment summary be found by an indexed query.</summary>
    public List<string> Suppliers { get; set; } = [];
    /// <summary>The AwardDocument (jsonb).</summary>
    public string Document { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>PostgreSQL's xmin: two changes of one award cannot both commit.</summary>
    public uint RowVersion { get; set; }
}
