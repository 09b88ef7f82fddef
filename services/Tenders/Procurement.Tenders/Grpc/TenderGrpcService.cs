using Microsoft.EntityFrameworkCore;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Identity;
using Procurement.Messaging.Outbox;
using Procurement.Tenders.Closing;
using Procurement.Tenders.Domain;
using Procurement.Tenders.Persistence;
using DomainTender = Procurement.Tenders.Domain.Tender;
using Tender = Procurement.Contracts.Tender.V1.Tender;

namespace Procurement.Tenders.Grpc;

/// <summary>
/// procurement.tender.v1.TenderService. Each change: load, check access and version, apply the
/// domain rule, then save the row and its events in one SaveChanges. Clarifications are in
/// TenderGrpcService.Clarifications.cs.
/// </summary>
public sealed partial class TenderGrpcService(TenderDb db, IOutbox<TenderDb> outbox, TimeProvider clock, ClosingSignal closing)
    : TenderService.TenderServiceBase
{
    public override Task<Tender> CreateDraft(CreateDraftRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var caller = context.GetCaller();
        var now = clock.GetUtcNow();
        var tender = DomainTender.CreateDraft(Guid.NewGuid(), caller.Organisation, ContentMapping.ToDomain(request.Content), now);
        var row = new TenderRow().CopyFrom(tender, now);
        db.Tenders.Add(row);
        await db.SaveChangesAsync(context.CancellationToken);
        return tender.ToProto(row.Version);
    });

    public override Task<Tender> UpdateDraft(UpdateDraftRequest request, ServerCallContext context) =>
        ChangeAsync(request.TenderId, Required(request.ExpectedVersion), context,
            (tender, _, _) => tender.UpdateDraft(ContentMapping.ToDomain(request.Content)));

    public override async Task<Tender> Publish(PublishRequest request, ServerCallContext context)
    {
        var published = await ChangeAsync(request.TenderId, Required(request.ExpectedVersion), context, (tender, caller, now) =>
        {
            tender.Publish(caller.PersonId, now);
            outbox.Add(TenderEvents.Published(tender));
        });
        closing.Notify();   // its deadline may be the earliest the scheduler waits for
        return published;
    }

    public override async Task<Tender> Amend(AmendRequest request, ServerCallContext context)
    {
        var amended = await ChangeAsync(request.TenderId, Required(request.ExpectedVersion), context, (tender, caller, now) =>
        {
            tender.Amend(ContentMapping.ToDomain(request.Content), request.Summary, caller.PersonId, now);
            outbox.Add(TenderEvents.Amended(tender, now));
        });
        closing.Notify();   // the deadline may have moved earlier
        return amended;
    }

    /// <summary>
    /// Closes once the deadline has passed (the domain refuses before). The scheduler closes at the
    /// deadline too, so closing a closed tender is not an error: it answers the tender as it is and
    /// announces nothing, whichever of the two got there first.
    /// </summary>
    public override Task<Tender> CloseTender(CloseTenderRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var row = await LoadVisibleAsync(request.TenderId, context, tracked: true);
        if (!context.GetCaller().MayChange(row)) throw Refusals.NotProcuringEntity();
        if (row.Status == Domain.TenderStatus.Closed) return row.ToDomain().ToProto(row.Version);
        var tender = row.ToDomain();
        TenderClosing.Close(row, tender, outbox, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
            return tender.ToProto(row.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();   // drops our close and its event
            var current = await LoadVisibleAsync(request.TenderId, context, tracked: false);
            if (current.Status != Domain.TenderStatus.Closed) throw Refusals.Stale();
            return current.ToDomain().ToProto(current.Version);
        }
    });

    public override Task<Tender> CancelTender(CancelTenderRequest request, ServerCallContext context) =>
        ChangeAsync(request.TenderId, null, context, (tender, _, now) =>
        {
            tender.Cancel(request.Reason);
            // A draft was never announced, so its cancellation is not either.
            if (tender.Revision > 0) outbox.Add(TenderEvents.Cancelled(tender, now));
        });

    public override Task<Tender> CancelLot(CancelLotRequest request, ServerCallContext context) =>
        ChangeAsync(request.TenderId, null, context, (tender, _, now) =>
        {
            tender.CancelLot(request.LotId, request.Reason);
            outbox.Add(TenderEvents.LotCancelled(tender, request.LotId, request.Reason, now));
            if (tender.Status == Domain.TenderStatus.Cancelled) outbox.Add(TenderEvents.Cancelled(tender, now));
        });

    public override Task<Tender> GetTender(GetTenderRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var row = await LoadVisibleAsync(request.TenderId, context, tracked: false);
        return row.ToDomain().ToProto(row.Version);
    });

    public override Task<ListRevisionsResponse> ListRevisions(ListRevisionsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var row = await LoadVisibleAsync(request.TenderId, context, tracked: false);
        var response = new ListRevisionsResponse();
        response.Revisions.AddRange(row.ToDomain().Revisions.Select(r => r.ToProto()));
        return response;
    });

    public override Task<ListTendersResponse> ListTenders(ListTendersRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var size = PageTokens.Size(request.Page?.PageSize ?? 0);
        var offset = PageTokens.Offset(request.Page?.PageToken ?? "");
        var query = TenderQueries.Filter(db.Tenders.AsNoTracking().Where(TenderAccess.Visible(context.GetCaller())), request);
        var total = await query.CountAsync(context.CancellationToken);
        var rows = await query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip(offset).Take(size).ToListAsync(context.CancellationToken);

        var response = new ListTendersResponse
        {
            Page = new() { TotalCount = total, NextPageToken = offset + rows.Count < total ? PageTokens.Next(offset + rows.Count) : "" },
        };
        response.Tenders.AddRange(rows.Select(row => row.ToDomain().ToProto(row.Version)));
        return response;
    });

    private Task<Tender> ChangeAsync(string tenderId, long? expectedVersion, ServerCallContext context, Action<DomainTender, Caller, DateTimeOffset> change) =>
        Guarded(async () =>
        {
            var caller = context.GetCaller();
            var row = await LoadVisibleAsync(tenderId, context, tracked: true);
            if (!caller.MayChange(row)) throw Refusals.NotProcuringEntity();
            if (expectedVersion is { } expected)
            {
                if (expected != row.Version) throw Refusals.Stale();
            }
            var tender = row.ToDomain();
            var now = clock.GetUtcNow();
            change(tender, caller, now);
            row.CopyFrom(tender, now);
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw Refusals.Stale();   // someone saved between our read and our write
            }
            return tender.ToProto(row.Version);
        });

    private async Task<TenderRow> LoadVisibleAsync(string tenderId, ServerCallContext context, bool tracked)
    {
        if (!Guid.TryParse(tenderId, out var id)) throw Refusals.Invalid("tender_id", $"'{tenderId}' is not a tender id");
        var tenders = tracked ? db.Tenders : db.Tenders.AsNoTracking();
        var row = await tenders.FirstOrDefaultAsync(t => t.Id == id, context.CancellationToken);
        if (row is null || !context.GetCaller().MaySee(row)) throw Refusals.NotFound(tenderId);
        return row;
    }

    private static long Required(long expectedVersion) =>
        expectedVersion > 0 ? expectedVersion : throw Refusals.Invalid("expected_version", "pass the version of the tender you read");

    private static async Task<T> Guarded<T>(Func<Task<T>> handle)
    {
        try
        {
            return await handle();
        }
        catch (DomainException refusal)
        {
            throw Refusals.From(refusal);
        }
    }
}
