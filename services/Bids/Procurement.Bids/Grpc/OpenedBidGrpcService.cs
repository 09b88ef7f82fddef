using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Domain;
using Procurement.Bids.Persistence;
using Procurement.Contracts.Bid.V1;

namespace Procurement.Bids.Grpc;

/// <summary>
/// procurement.bid.v1.OpenedBidService, internal to the suite: the content of opened bids, released to the
/// moderation service only (its declared access: the suite_service role; the gateway does not route it). The
/// moderation service decides which panel member sees which offer (decision 0021); this service only keeps
/// a lot sealed until it is opened.
/// </summary>
public sealed class OpenedBidGrpcService(BidDb db) : OpenedBidService.OpenedBidServiceBase
{
    public override Task<ListOpenedBidsResponse> ListOpenedBids(ListOpenedBidsRequest request, ServerCallContext context) => BidGrpcService.Guarded(async () =>
    {
        var tenderId = BidGrpcService.ParseId(request.TenderId, "tender_id");
        if (string.IsNullOrWhiteSpace(request.LotId)) throw Refusals.Invalid("lot_id", "name the lot whose opened bids you want");
        var only = request.BidIds.Select((id, i) => BidGrpcService.ParseId(id, $"bid_ids[{i}]")).ToList();
        var ct = context.CancellationToken;
        var tender = await db.Tenders.AsNoTracking().FirstOrDefaultAsync(t => t.TenderId == tenderId, ct)
                     ?? throw Refusals.TenderNotFound(request.TenderId);
        var lotOpened = await db.OpenedLots.AnyAsync(l => l.TenderId == tenderId && l.LotId == request.LotId, ct);
        var decision = BidAccess.CanReleaseOpenedOffers(tender.ToDomain(), request.LotId, lotOpened);
        if (!decision.Allowed) throw Refusals.From(decision);

        var offers = await db.OpenedOffers.AsNoTracking()
            .Where(o => o.TenderId == tenderId && o.LotId == request.LotId && (only.Count == 0 || only.Contains(o.BidId)))
            .OrderBy(o => o.Supplier).ThenBy(o => o.BidId)
            .ToListAsync(ct);
        var response = new ListOpenedBidsResponse();
        response.Offers.AddRange(offers.Select(o => o.ToProto()));
        return response;
    });
}
