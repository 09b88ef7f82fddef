namespace Procurement.Awards.Domain;

/// <summary>Who signs a Record of Decision, in this order, each of the lot's own commissioner.</summary>
public enum Signatory
{
    FinanceOfficer,
    ChiefExecutive,
    Commissioner,
}

/// <summary>The text of a Record of Decision, as the commissioning officer drafts it (e.g. OPCC.D.032.23).</summary>
public sealed record DecisionText(string Reference, string Title, string ExecutiveSummary, string Recommendation, string Decision);

public sealed record Signature(Signatory As, string PersonId, string Name, string Comments, DateTimeOffset At);

/// <summary>A signatory declined to sign: the decision stops here, with the reason, until it is redrafted.</summary>
public sealed record SignatureRefusal(Signatory As, string PersonId, string Name, string Reason, DateTimeOffset At);

/// <summary>One criterion of a bid as the panel moderated it.</summary>
public sealed record CriterionOutcome(string CriterionId, string Kind, int WeightPercent, int? ModeratedScore, decimal Marks);

/// <summary>A bid's outcome in the evaluation (EvaluationCompleted): ranked, or excluded with the reason.</summary>
public sealed record BidOutcome(
    Guid BidId, string Supplier, long AnnualPricePence, string Currency, int? Rank, string? ExclusionReason,
    decimal QualityMarks, decimal SocialValueMarks, decimal PriceMarks, decimal TotalMarks, IReadOnlyList<CriterionOutcome> Criteria);

/// <summary>The contract terms the tender set for the lot.</summary>
public sealed record LotTerms(DateOnly Start, int InitialTermMonths, int ExtensionAllowanceMonths, int ExtensionStepMonths);

/// <summary>A challenge recorded during standstill: the award is suspended until it is resolved.</summary>
public sealed record Challenge(string Supplier, string Grounds, string RecordedBy, DateTimeOffset RecordedAt, string? Resolution = null, DateTimeOffset? ResolvedAt = null)
{
    public bool Open => ResolvedAt is null;
}

/// <summary>An extension: a decision of its own, signed by the commissioner, taking one step of the allowance at its own annual value.</summary>
public sealed record Extension(string Reference, int Months, long AnnualValuePence, string DecidedBy, string Comments, DateTimeOffset DecidedAt, DateOnly From, DateOnly To);

/// <summary>
/// The contract a commissioner enters for its lot after standstill. Its end moves with each extension;
/// the allowance caps the months extensions may add in all.
/// </summary>
public sealed record Contract(
    Guid Id, string Supplier, string Commissioner, DateOnly Start, DateOnly InitialEnd, long AnnualValuePence, string Currency,
    int ExtensionAllowanceMonths, int ExtensionStepMonths, DateTimeOffset EnteredAt, IReadOnlyList<Extension> Extensions)
{
    public DateOnly CurrentEnd => Extensions.Count == 0 ? InitialEnd : Extensions[^1].To;
    public int ExtendedMonths => Extensions.Sum(e => e.Months);
    public int RemainingAllowanceMonths => ExtensionAllowanceMonths - ExtendedMonths;
}

/// <summary>What one bidder is told: its own moderated scores per criterion beside the winner's.</summary>
public sealed record AssessmentSummary(string Supplier, bool Successful, BidOutcome Own, BidOutcome Winner);

public enum AwardStage
{
    /// <summary>The evaluation ranked no bid: there is nothing to award.</summary>
    NoAward,
    /// <summary>Recommended (rank 1); the Record of Decision is being drafted or signed.</summary>
    Recommended,
    /// <summary>A signatory refused; redraft to start the signatures again.</summary>
    Refused,
    /// <summary>Signed by the commissioner: the award is notified and standstill runs.</summary>
    Standstill,
    /// <summary>A challenge was recorded during standstill and is not resolved.</summary>
    Suspended,
    /// <summary>Standstill is over: the contract may be entered.</summary>
    ReadyToContract,
    Contracted,
}
