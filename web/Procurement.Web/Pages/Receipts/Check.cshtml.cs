using Google.Protobuf;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Bid.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Receipts;

/// <summary>
/// A supplier checks a receipt it kept (the file the portal or the CLI saved) against what the bid service recorded:
/// every field, and the bid service's signature.
/// </summary>
[Authorize(Roles = "supplier")]
public sealed class CheckModel(BidService.BidServiceClient bids) : PortalPage
{
    /// <summary>A receipt file is a few hundred bytes; anything much larger is not one.</summary>
    public const long MaxFileBytes = 64 * 1024;

    public VerifyReceiptResponse? Result { get; private set; }
    public Receipt? Receipt { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? receipt)
    {
        if (receipt is null || receipt.Length == 0)
        {
            AddError("receipt", "Select the receipt file");
            return Page();
        }
        if (receipt.Length > MaxFileBytes)
        {
            AddError("receipt", "The selected file must be smaller than 64 KB: a receipt is much smaller");
            return Page();
        }
        try
        {
            using var reader = new StreamReader(receipt.OpenReadStream());
            Receipt = Receipt.Parser.ParseJson(await reader.ReadToEndAsync(HttpContext.RequestAborted));
        }
        catch (Exception problem) when (problem is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            AddError("receipt", "The selected file must be a receipt saved by this service or by the procurement command line");
            return Page();
        }
        Result = await bids.VerifyReceiptAsync(new VerifyReceiptRequest { Receipt = Receipt }, cancellationToken: HttpContext.RequestAborted);
        return Page();
    }
}
