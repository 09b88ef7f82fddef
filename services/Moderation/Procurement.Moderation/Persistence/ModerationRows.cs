namespace Procurement.Moderation.Persistence;

/// <summary>A lot's evaluation model as the tender announced it (TenderPublished / TenderAmended), kept until its bids are opened.</summary>
public sealed class LotModelRow
{
    public Guid TenderId { get; set; }
    public string LotId { get; set; } = "";
    public string Commissioner { get; set; } = "";
    public int Revision { get; set; }
    /// <summary>The Domain.LotModel (jsonb).</summary>
    public string Model { get; set; } = "{}";
    public bool Cancelled { get; set; }
}

public sealed class EvaluationRow
{
    public Guid Id { get; set; }
    public Guid TenderId { get; set; }
    public string LotId { get; set; } = "";
    public string Commissioner { get; set; } = "";
    /// <summary>The Domain.LotModel at opening (jsonb).</summary>
    public string Model { get; set; } = "{}";
    /// <summary>The opened bids: ids, suppliers, prices, compliance (jsonb).</summary>
    public string Bids { get; set; } = "[]";
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>The chair (jsonb, null before appointment) and the evaluators (jsonb).</summary>
    public string? Chair { get; set; }
    public string Evaluators { get; set; } = "[]";
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The Domain.EvaluationResult once completed (jsonb).</summary>
    public string? Result { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancellationReason { get; set; }
    /// <summary>Everyone who may act on the evaluation (chair and evaluators): lets "my evaluations" be one indexed query.</summary>
    public List<string> Members { get; set; } = [];
}

public sealed class ConflictDeclarationRow
{
    public Guid EvaluationId { get; set; }
    public string PersonId { get; set; } = "";
    public string Supplier { get; set; } = "";
    public bool Conflicted { get; set; }
    public string Note { get; set; } = "";
}

public sealed class IndividualScoreRow
{
    public Guid EvaluationId { get; set; }
    public string PersonId { get; set; } = "";
    public Guid BidId { get; set; }
    public string CriterionId { get; set; } = "";
    public int Score { get; set; }
    public string Justification { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class ScoreSubmissionRow
{
    public Guid EvaluationId { get; set; }
    public string PersonId { get; set; } = "";
}

public sealed class ModeratedScoreRow
{
    public Guid EvaluationId { get; set; }
    public Guid BidId { get; set; }
    public string CriterionId { get; set; } = "";
    public int Score { get; set; }
    public string Rationale { get; set; } = "";
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
