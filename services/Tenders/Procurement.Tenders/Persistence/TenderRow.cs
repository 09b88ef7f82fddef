namespace Procurement.Tenders.Persistence;

/// <summary>
/// How a tender is stored: the columns lists and filters need, and the rest as JSON documents.
/// <see cref="TenderRows"/> turns it into the domain's <see cref="Domain.Tender"/> and back.
/// </summary>
public sealed class TenderRow
{
    public Guid Id { get; set; }
    public string Reference { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Domain.TenderStatus Status { get; set; }
    public string ProcuringEntity { get; set; } = "";
    public List<string> Commissioners { get; set; } = [];
    public DateTimeOffset? SubmissionDeadline { get; set; }
    public int Revision { get; set; }
    /// <summary>The current TenderContent (jsonb).</summary>
    public string Content { get; set; } = "{}";
    /// <summary>Each lot's status once published (jsonb).</summary>
    public string LotStates { get; set; } = "{}";
    /// <summary>Every published revision with its content (jsonb).</summary>
    public string Revisions { get; set; } = "[]";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>PostgreSQL's xmin: changes with every update, checked on save (optimistic concurrency).</summary>
    public uint Version { get; set; }
}
