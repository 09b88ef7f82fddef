using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>A supplier withdraws its bid before the deadline (it may bid again afterwards).</summary>
[Authorize(Roles = "supplier")]
public sealed class WithdrawModel(TenderService.TenderServiceClient tenders, BidService.BidServiceClient bids) : PortalPage
{
    public const int MaxLength = 2000;
    private static readonly Dictionary<string, (string, string)> Fields = new() { ["reason"] = ("reason", "Your reason") };

    public Tender Tender { get; private set; } = new();
    public Bid Bid { get; private set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        await LoadAsync(id);
        if ((Reason?.Trim().Length ?? 0) > MaxLength) AddError("reason", $"Your reason must be {MaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            await bids.WithdrawBidAsync(new WithdrawBidRequest { BidId = Bid.Id, Reason = Reason?.Trim() ?? "" }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, Fields))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done=withdrawn#your-bid");
    }

    private async Task LoadAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var mine = await bids.ListMyBidsAsync(new ListMyBidsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Bid = BidForm.Open(mine)
            ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No bid of yours to withdraw on this tender."));
    }
}
