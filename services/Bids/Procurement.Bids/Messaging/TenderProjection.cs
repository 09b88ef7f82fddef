using Procurement.Bids.Domain;
using Procurement.Contracts.Events;

namespace Procurement.Bids.Messaging;

/// <summary>
/// Builds the bid service's own view of a tender from tender events, so bids are judged against
/// the deadline and lots it has learned even while the tender service is down. Events for a
/// revision older than the view's are ignored (redelivery or reordering cannot roll it back).
/// </summary>
public static class TenderProjection
{
    public static TenderView Apply(TenderView? view, TenderPublished published) =>
        view is not null && view.Revision >= published.Revision
            ? view
            : new TenderView(published.TenderId, published.Revision, published.SubmissionDeadline, TenderPhase.Open, Lots(published.Lots, view));

    /// <summary>An amendment may arrive before the publication it follows (they travel separately): it carries all the view needs.</summary>
    public static TenderView Apply(TenderView? view, TenderAmended amended) =>
        view is null
            ? new TenderView(amended.TenderId, amended.Revision, amended.SubmissionDeadline, TenderPhase.Open, Lots(amended.Lots, null))
            : amended.Revision <= view.Revision || view.Phase != TenderPhase.Open
                ? view
                : view with { Revision = amended.Revision, SubmissionDeadline = amended.SubmissionDeadline, Lots = Lots(amended.Lots, view) };

    /// <summary>
    /// The tender service's list of active lots at closing is authoritative: a lot missing from it was
    /// cancelled, even if that LotCancelled has not arrived yet.
    /// </summary>
    public static TenderView Apply(TenderView view, TenderClosed closed) =>
        view.Phase == TenderPhase.Cancelled
            ? view
            : view with
            {
                Phase = TenderPhase.Closed,
                Lots = [.. view.Lots.Select(l => closed.ActiveLotIds.Contains(l.LotId) ? l : l with { Cancelled = true })],
            };

    public static TenderView Apply(TenderView view, TenderCancelled cancelled) =>
        view with { Phase = TenderPhase.Cancelled, Lots = [.. view.Lots.Select(l => l with { Cancelled = true })] };

    public static TenderView Apply(TenderView view, LotCancelled cancelled) =>
        view with { Lots = [.. view.Lots.Select(l => l.LotId == cancelled.LotId ? l with { Cancelled = true } : l)] };

    /// <summary>The lots of an event; a lot cancelled earlier stays cancelled.</summary>
    private static List<LotView> Lots(IReadOnlyList<LotSummary> lots, TenderView? previous) =>
    [
        .. lots.Select(l => new LotView(
            l.LotId,
            l.Commissioner,
            [.. l.Criteria.Where(c => c.Kind is "quality" or "social_value").Select(c => c.CriterionId)],
            previous?.Lot(l.LotId)?.Cancelled ?? false)),
    ];
}
