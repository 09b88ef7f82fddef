namespace Procurement.Bids.Domain;

public enum TenderPhase
{
    Open,
    Closed,
    Cancelled,
}

/// <summary>A lot as the bid service knows it from tender events.</summary>
public sealed record LotView(string LotId, string Commissioner, IReadOnlyList<string> ResponseCriterionIds, bool Cancelled = false);

/// <summary>
/// What the bid service has learned of a tender from its events (published, amended, closed,
/// cancelled). Bids are judged against this, not by calling the tender service.
/// </summary>
public sealed record TenderView(Guid TenderId, int Revision, DateTimeOffset SubmissionDeadline, TenderPhase Phase, IReadOnlyList<LotView> Lots)
{
    public LotView? Lot(string lotId) => Lots.FirstOrDefault(l => l.LotId == lotId);
}
