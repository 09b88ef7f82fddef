using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Tender.V1;
using Procurement.Hosting;

namespace Procurement.Bids.Grpc;

/// <summary>
/// A supplier may bid the moment a tender is published, before its TenderPublished has reached the bid service: the
/// bid service then asks the tender service for the tender (GetTender, with its own token and a deadline) and records
/// its view exactly as the event would have. It still judges the deadline by its own clock and that view; the events
/// that follow apply on top (an event for a revision it already holds changes nothing).
/// </summary>
public sealed class TenderLookup(TenderService.TenderServiceClient tenders, BidDb db, TimeProvider clock, ILogger<TenderLookup> logger)
{
    /// <summary>
    /// Makes sure the bid service holds a view of the tender. False when the tender service says there is no such
    /// published tender; RpcException UNAVAILABLE when it cannot be asked.
    /// </summary>
    public async Task<bool> EnsureKnownAsync(Guid tenderId, CancellationToken cancellationToken)
    {
        if (await db.Tenders.AnyAsync(t => t.TenderId == tenderId, cancellationToken)) return true;

        Tender tender;
        try
        {
            tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = tenderId.ToString() },
                deadline: DateTime.UtcNow + SuiteClients.CallTimeout, cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            return false;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Unauthenticated)
        {
            logger.LogWarning("Tender {TenderId} is not known here yet and the tender service could not be asked: {Status}", tenderId, e.Status);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"Tender '{tenderId}' has not reached the bid service yet and the tender service could not be asked just now; try again shortly."));
        }
        if (tender.Status != TenderStatus.Published) return false;

        var view = ViewOf(tender);
        var row = new TenderViewRow().CopyFrom(view, clock.GetUtcNow());
        // If its event arrived meanwhile, that view stands.
        var added = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO tender_view (tender_id, revision, submission_deadline, phase, lots, updated_at)
            VALUES ({row.TenderId}, {row.Revision}, {row.SubmissionDeadline}, {row.Phase.ToString()}, {row.Lots}::jsonb, {row.UpdatedAt})
            ON CONFLICT (tender_id) DO NOTHING
            """, cancellationToken);
        if (added == 1)
            logger.LogInformation("Tender {TenderId} (revision {Revision}) learned from the tender service ahead of its events", tenderId, view.Revision);
        return true;
    }

    /// <summary>The view TenderPublished (or the latest TenderAmended) would have built.</summary>
    public static TenderView ViewOf(Tender tender) => new(
        Guid.Parse(tender.Id),
        tender.Revision,
        tender.Timetable.SubmissionDeadline.ToDateTimeOffset(),
        TenderPhase.Open,
        [
            .. tender.Lots.Select(lot => new LotView(
                lot.Id,
                lot.Commissioner,
                [.. lot.Evaluation.Criteria.Where(c => c.Kind is CriterionKind.Quality or CriterionKind.SocialValue).Select(c => c.Id)],
                lot.Status == LotStatus.Cancelled)),
        ]);
}
