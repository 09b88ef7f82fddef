namespace Procurement.Contracts.Events;

/// <summary>
/// A lot as other services need it: who owns it, what its bids must answer, and how they are scored
/// (the quality scale, and the minimum quality percentage below which a bid is excluded, if any).
/// </summary>
public sealed record LotSummary(
    string LotId, string Commissioner, string Title, IReadOnlyList<CriterionSummary> Criteria,
    int ScaleMinimum = 0, int ScaleMaximum = 5, int? MinimumQualityPercent = null);

/// <summary>A criterion of a lot's evaluation model; Kind is "quality", "price" or "social_value".</summary>
public sealed record CriterionSummary(string CriterionId, string Kind, int WeightPercent);

public sealed record TenderPublished(
    Guid TenderId, string Reference, string Title, string ProcuringEntity, IReadOnlyList<string> Commissioners,
    DateTimeOffset ClarificationDeadline, DateTimeOffset SubmissionDeadline, IReadOnlyList<LotSummary> Lots,
    int Revision, DateTimeOffset PublishedAt);

/// <summary>A published tender changed before its deadline: bids made against an earlier revision need reconfirmation.</summary>
public sealed record TenderAmended(
    Guid TenderId, int Revision, string Summary, DateTimeOffset ClarificationDeadline, DateTimeOffset SubmissionDeadline,
    IReadOnlyList<LotSummary> Lots, DateTimeOffset AmendedAt);

/// <summary>The submission deadline passed: the active lots' bids are to be opened.</summary>
public sealed record TenderClosed(Guid TenderId, IReadOnlyList<string> ActiveLotIds, DateTimeOffset ClosedAt);

public sealed record TenderCancelled(Guid TenderId, string Reason, DateTimeOffset CancelledAt);

/// <summary>One lot cancelled: its bids are void; the other lots go on.</summary>
public sealed record LotCancelled(Guid TenderId, string LotId, string Commissioner, string Reason, DateTimeOffset CancelledAt);
