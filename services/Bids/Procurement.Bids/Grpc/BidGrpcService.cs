using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Procurement.Bids.Receipts;
using Procurement.Contracts.Bid.V1;
using Grpc.Core;
using Procurement.Identity;
using Bid = Procurement.Contracts.Bid.V1.Bid;
using BidStatus = Procurement.Bids.Domain.BidStatus;
using DomainBid = Procurement.Bids.Domain.Bid;
using Receipt = Procurement.Contracts.Bid.V1.Receipt;

namespace Procurement.Bids.Grpc;

/// <summary>
/// procurement.bid.v1.BidService. Every change runs in one transaction holding a shared lock on the
/// tender's view (see BidStorage.LockTenderAsync): the deadline is judged against the bid service's
/// own clock and view, and opening cannot begin while a change that passed that check is uncommitted.
/// A receipt is returned only after its version is committed.
/// </summary>
public sealed class BidGrpcService(BidDb db, TenderLookup tenders, TimeProvider clock, ReceiptKeyRing receiptKeys) : BidService.BidServiceBase
{
    public override Task<Receipt> SubmitBid(SubmitBidRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var supplier = context.GetCaller().Organisation;
        var tenderId = ParseId(request.TenderId, "tender_id");
        var (offers, declarations) = BidRequests.Read(request.Offers, request.Declarations);
        var ct = context.CancellationToken;

        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        // A tender whose publication has not reached the bid service yet is asked of the tender service (only then).
        var tender = await db.LockTenderAsync(tenderId, exclusive: false, ct)
                     ?? (await tenders.EnsureKnownAsync(tenderId, ct) ? await db.LockTenderAsync(tenderId, exclusive: false, ct) : null)
                     ?? throw Refusals.TenderNotFound(request.TenderId);
        var now = Now();
        var (bid, receipt) = DomainBid.Submit(Guid.NewGuid(), tender.ToDomain(), supplier, offers, declarations, now);

        var existing = await db.Bids.Where(b => b.TenderId == tenderId && b.Supplier == supplier && b.Status != BidStatus.Withdrawn)
            .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
        if (existing is { } existingId) throw Refusals.AlreadyBid(existingId);

        var row = new BidRow();
        db.Bids.Add(row);
        db.BidVersions.AddRange(row.CopyFrom(bid, storedVersions: 0, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same supplier submitted twice at once; the other submission won.
            throw new RpcException(new Status(StatusCode.AlreadyExists, "Your organisation already has a bid for this tender; revise that bid instead."));
        }
        await transaction.CommitAsync(ct);
        BidDiagnostics.BidSubmitted();
        return receiptKeys.Sign(receipt.ToProto());
    });

    public override Task<Receipt> ReviseBid(ReviseBidRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var (offers, declarations) = BidRequests.Read(request.Offers, request.Declarations);
        return await ChangeAsync(request.BidId, context, (bid, tender, now) =>
            receiptKeys.Sign(bid.Revise(request.ExpectedVersion, tender, offers, declarations, now).ToProto()));
    });

    public override Task<Receipt> ReconfirmBid(ReconfirmBidRequest request, ServerCallContext context) => Guarded(() =>
        ChangeAsync(request.BidId, context, (bid, tender, now) => receiptKeys.Sign(bid.Reconfirm(request.TenderRevision, tender, now).ToProto())));

    public override Task<Bid> WithdrawBid(WithdrawBidRequest request, ServerCallContext context) => Guarded(async () =>
    {
        TenderViewRow? view = null;
        var withdrawn = await ChangeAsync(request.BidId, context, (bid, tender, now) =>
        {
            bid.Withdraw(tender, now);
            return bid;
        }, row => view = row);
        return withdrawn.ToProto(view);
    });

    public override Task<Bid> GetBid(GetBidRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var (_, bid) = await LoadOwnBidAsync(request.BidId, context);
        var tender = await db.Tenders.AsNoTracking().FirstOrDefaultAsync(t => t.TenderId == bid.TenderId, context.CancellationToken);
        return bid.ToProto(tender);
    });

    public override Task<ListMyBidsResponse> ListMyBids(ListMyBidsRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var supplier = context.GetCaller().Organisation;
        var ct = context.CancellationToken;
        var rows = db.Bids.AsNoTracking().Where(b => b.Supplier == supplier);
        if (request.TenderId.Length > 0)
        {
            var tenderId = ParseId(request.TenderId, "tender_id");
            rows = rows.Where(b => b.TenderId == tenderId);
        }
        var bids = await rows.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id).Take(500).ToListAsync(ct);
        var ids = bids.Select(b => b.Id).ToList();
        var versions = (await db.BidVersions.AsNoTracking().Where(v => ids.Contains(v.BidId)).ToListAsync(ct)).ToLookup(v => v.BidId);
        var tenderIds = bids.Select(b => b.TenderId).Distinct().ToList();
        var tenders = await db.Tenders.AsNoTracking().Where(t => tenderIds.Contains(t.TenderId)).ToDictionaryAsync(t => t.TenderId, ct);

        var response = new ListMyBidsResponse();
        response.Bids.AddRange(bids.Select(row => row.ToDomain(versions[row.Id]).ToProto(tenders.GetValueOrDefault(row.TenderId))));
        return response;
    });

    public override Task<VerifyReceiptResponse> VerifyReceipt(VerifyReceiptRequest request, ServerCallContext context) => Guarded(async () =>
    {
        var receipt = request.Receipt ?? throw Refusals.Invalid("receipt", "pass the receipt you were given");
        var (_, bid) = await LoadOwnBidAsync(receipt.BidId, context);
        return ReceiptCheck.Verify(bid, receipt, receiptKeys.Verify(receipt));
    });

    public override Task<ListReceiptKeysResponse> ListReceiptKeys(ListReceiptKeysRequest request, ServerCallContext context) =>
        Task.FromResult(receiptKeys.Published.ToResponse());

    internal static BidReader Reader(Caller caller) => new(caller.Organisation, caller.Commissioner, caller.HasRole(Role.Supplier));

    /// <summary>Loads the caller's own bid, locks its tender's view (shared), applies the change and commits.</summary>
    private async Task<T> ChangeAsync<T>(
        string bidId, ServerCallContext context, Func<DomainBid, TenderView, DateTimeOffset, T> change, Action<TenderViewRow>? tenderRead = null)
    {
        var ct = context.CancellationToken;
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, ct);
        var (row, bid) = await LoadOwnBidAsync(bidId, context, currentVersionOnly: true);
        var tender = await db.LockTenderAsync(bid.TenderId, exclusive: false, ct)
                     ?? throw new InvalidOperationException($"Bid {bid.Id} refers to tender {bid.TenderId}, which the bid service does not know.");
        tenderRead?.Invoke(tender);
        var storedVersions = bid.Versions.Count;
        var now = Now();
        var result = change(bid, tender.ToDomain(), now);
        db.BidVersions.AddRange(row.CopyFrom(bid, storedVersions, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Refusals.Stale();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another change of this bid stored the same version number first.
            throw Refusals.Stale();
        }
        await transaction.CommitAsync(ct);
        return result;
    }

    private async Task<(BidRow Row, DomainBid Bid)> LoadOwnBidAsync(string bidId, ServerCallContext context, bool currentVersionOnly = false)
    {
        var id = ParseId(bidId, "bid_id");
        var loaded = await db.LoadBidAsync(id, context.CancellationToken, currentVersionOnly);
        if (loaded is not { } found || !BidAccess.CanReadBid(Reader(context.GetCaller()), found.Bid).Allowed)
            throw Refusals.BidNotFound(bidId);
        return found;
    }

    /// <summary>Now, to the microsecond: what PostgreSQL stores, so a receipt's time (and digest) survives the round trip.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow().UtcTicks;
        return new DateTimeOffset(now - now % (TimeSpan.TicksPerMillisecond / 1000), TimeSpan.Zero);
    }

    internal static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Refusals.Invalid(field, $"'{value}' is not an id (a UUID)");

    internal static async Task<T> Guarded<T>(Func<Task<T>> handle)
    {
        try
        {
            return await handle();
        }
        catch (BidException refusal)
        {
            throw Refusals.From(refusal);
        }
    }
}
