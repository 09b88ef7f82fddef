namespace Procurement.Contracts.Events;

/// <summary>
/// A lot as other services need it: who owns it, what its bids must answer, how they are scored (the
/// quality scale, and the minimum quality percentage below which a bid is excluded, if any), and the
/// contract it leads to (start date, initial term, extension allowance in steps, estimated annual value), and its
/// specification (what the lot buys, as published; the OCDS lot description).
/// </summary>
public sealed record LotSummary(
    string LotId, string Commissioner, string Title, IReadOnlyList<CriterionSummary> Criteria,
    int ScaleMinimum = 0, int ScaleMaximum = 5, int? MinimumQualityPercent = null,
    DateOnly? ContractStart = null, int InitialTermMonths = 0, int ExtensionAllowanceMonths = 0, int ExtensionStepMonths = 0,
    Money? EstimatedAnnualValue = null, string Specification = "");

/// <summary>A criterion of a lot's evaluation model; Kind is "quality", "price" or "social_value".</summary>
public sealed record CriterionSummary(string CriterionId, string Kind, int WeightPercent);

/// <summary>A tender was published. Regime is "procurement_act_2023" or "pcr_2015" (it sets the standstill).</summary>
public sealed record TenderPublished(
    Guid TenderId, string Reference, string Title, string ProcuringEntity, IReadOnlyList<string> Commissioners,
    DateTimeOffset ClarificationDeadline, DateTimeOffset SubmissionDeadline, IReadOnlyList<LotSummary> Lots,
    int Revision, DateTimeOffset PublishedAt, string Regime = "", string Description = "");

/// <summary>A published tender changed before its deadline: bids made against an earlier revision need reconfirmation.</summary>
public sealed record TenderAmended(
    Guid TenderId, int Revision, string Summary, DateTimeOffset ClarificationDeadline, DateTimeOffset SubmissionDeadline,
    IReadOnlyList<LotSummary> Lots, DateTimeOffset AmendedAt, string Title = "", string Description = "");

/// <summary>The submission deadline passed: the active lots' bids are to be opened.</summary>
public sealed record TenderClosed(Guid TenderId, IReadOnlyList<string> ActiveLotIds, DateTimeOffset ClosedAt);

public sealed record TenderCancelled(Guid TenderId, string Reason, DateTimeOffset CancelledAt);

/// <summary>One lot cancelled: its bids are void; the other lots go on.</summary>
public sealed record LotCancelled(Guid TenderId, string LotId, string Commissioner, string Reason, DateTimeOffset CancelledAt);

/// <summary>
/// A commissioner entered the contract for its lot after standstill: the tender service marks the lot
/// awarded (and the tender complete when every lot is awarded or cancelled).
/// </summary>
public sealed record ContractAwarded(
    Guid ContractId, Guid TenderId, string LotId, string Commissioner, string Supplier, Money AnnualValue,
    DateOnly Start, DateOnly InitialEnd, int ExtensionAllowanceMonths, int ExtensionStepMonths, DateTimeOffset EnteredAt);
