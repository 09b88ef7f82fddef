using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>The procurement team cancels one lot (its bids become void, its evaluation stops) or the whole tender, with a published reason.</summary>
[Authorize(Roles = "procurement_officer")]
public sealed class CancelModel(TenderService.TenderServiceClient tenders) : PortalPage
{
    public const int ReasonMaxLength = 2000;

    public Tender Tender { get; private set; } = new();
    public Lot? Lot { get; private set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(string id, string? lotId)
    {
        await LoadAsync(id, lotId);
        NewRequestId();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? lotId)
    {
        await LoadAsync(id, lotId);
        if (string.IsNullOrWhiteSpace(Reason)) AddError("reason", "Enter the reason for the cancellation; it is published");
        else if (Reason.Trim().Length > ReasonMaxLength) AddError("reason", $"The reason must be {ReasonMaxLength:N0} characters or fewer");
        if (Errors.Count > 0) return Page();
        try
        {
            if (Lot is { } lot)
                await tenders.CancelLotAsync(new CancelLotRequest { TenderId = id, LotId = lot.Id, Reason = Reason!.Trim() }, ChangeOptions());
            else
                await tenders.CancelTenderAsync(new CancelTenderRequest { TenderId = id, Reason = Reason!.Trim() }, ChangeOptions());
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, new Dictionary<string, (string, string)> { ["reason"] = ("reason", "The reason") }))
        {
            return Page();
        }
        return Redirect($"/tenders/{Uri.EscapeDataString(id)}?done={(Lot is null ? "cancelled" : "lot-cancelled")}");
    }

    private async Task LoadAsync(string id, string? lotId)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        if (lotId is not null)
            Lot = Tender.Lots.FirstOrDefault(l => l.Id == lotId) ?? throw new RpcException(new Status(Grpc.Core.StatusCode.NotFound, "No such lot."));
    }
}
