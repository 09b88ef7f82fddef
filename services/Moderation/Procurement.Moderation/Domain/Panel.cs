namespace Procurement.Moderation.Domain;

/// <summary>Where a panel member comes from: the commissioner's office (OPCC) or its police force.</summary>
public enum Affiliation
{
    Office,
    Force,
}

/// <summary>A person on a lot's moderation panel. The commissioner's people only: checked at appointment and on every call.</summary>
public sealed record PanelMember(string PersonId, string Name, Affiliation Affiliation);

/// <summary>A member's declaration about one supplier, made before any bid content is shown to them.</summary>
public sealed record ConflictDeclaration(string Supplier, bool Conflicted, string Note);

/// <summary>One bid of the lot as opened (content stays in the bid service; the evaluation needs who, what price, compliant or not).</summary>
public sealed record OpenedBid(Guid BidId, string Supplier, long AnnualPricePence, string Currency, bool CompliantAtOpening, IReadOnlyList<string> NonComplianceReasons);

/// <summary>An evaluator's score for one criterion of one bid, with the justification the rules require.</summary>
public sealed record IndividualScore(string PersonId, Guid BidId, string CriterionId, int Score, string Justification, DateTimeOffset At);

/// <summary>The chair's agreed score for one criterion of one bid, with its rationale; the individual scores stay beside it.</summary>
public sealed record ModeratedScore(Guid BidId, string CriterionId, int Score, string Rationale, string By, DateTimeOffset At);

public enum EvaluationStage
{
    /// <summary>Bids opened; no panel yet.</summary>
    AwaitingPanel,
    /// <summary>Members declare conflicts and evaluators score.</summary>
    Scoring,
    /// <summary>Every evaluator has submitted: the chair agrees moderated scores.</summary>
    Moderating,
    Completed,
    /// <summary>The lot (or the whole tender) was cancelled: nothing more happens.</summary>
    Cancelled,
}
