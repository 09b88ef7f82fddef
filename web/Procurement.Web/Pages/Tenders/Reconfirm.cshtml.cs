using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>
/// A supplier whose bid was made before the tender was amended reads what changed and reconfirms the bid against the
/// latest revision (or revises or withdraws it instead).
/// </summary>
[Authorize(Roles = "supplier")]
public sealed class ReconfirmModel(TenderService.TenderServiceClient tenders, BidService.BidServiceClient bids) : PortalPage
{
    public Tender Tender { get; private set; } = new();
    public Bid Bid { get; private set; } = new();

    /// <summary>The amendments since the bid was last confirmed, oldest first.</summary>
    public IReadOnlyList<Revision> Changes { get; private set; } = [];

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        try
        {
            await bids.ReconfirmBidAsync(new ReconfirmBidRequest { BidId = Bid.Id, TenderRevision = Tender.Revision }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)>()))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=reconfirmed#your-bid");
    }

    private async Task LoadAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var mine = await bids.ListMyBidsAsync(new ListMyBidsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Bid = mine.Bids.FirstOrDefault(b => b.Status == BidStatus.NeedsReconfirmation)
            ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No bid of yours to reconfirm on this tender."));
        var revisions = await tenders.ListRevisionsAsync(new ListRevisionsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Changes = revisions.Revisions.Where(r => r.Revision_ > Bid.ConfirmedTenderRevision).OrderBy(r => r.Revision_).ToList();
    }
}
