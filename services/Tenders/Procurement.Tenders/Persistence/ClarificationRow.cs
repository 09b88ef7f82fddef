namespace Procurement.Tenders.Persistence;

/// <summary>How a clarification is stored: one row per question, under its tender.</summary>
public sealed class ClarificationRow
{
    public Guid Id { get; set; }
    public Guid TenderId { get; set; }
    public string Question { get; set; } = "";
    public string AskedByOrganisation { get; set; } = "";
    public string AskedBy { get; set; } = "";
    public DateTimeOffset AskedAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>PostgreSQL's xmin: two officers answering at once cannot both succeed.</summary>
    public uint Version { get; set; }
}
