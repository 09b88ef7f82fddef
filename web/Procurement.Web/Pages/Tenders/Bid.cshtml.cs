using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Web.Forms;

namespace Procurement.Web.Pages.Tenders;

/// <summary>
/// A supplier's sealed bid for a tender, one page with three steps: the form (each lot: whether to bid, the annual
/// price, an answer per scored criterion; the declarations), check your answers, and the signed receipt. A supplier
/// that has bid already revises its bid here (the same form, filled in).
/// </summary>
[Authorize(Roles = "supplier")]
public sealed class BidModel(TenderService.TenderServiceClient tenders, BidService.BidServiceClient bids) : PortalPage
{
    public enum Step { Form, Check, Receipt }

    public Tender Tender { get; private set; } = new();
    public Bid? Existing { get; private set; }
    public Step Stage { get; private set; } = Step.Form;
    public Receipt? Receipt { get; private set; }
    public string ReceiptJson => Receipt is null ? "" : JsonFormatter.Default.Format(Receipt);

    [BindProperty]
    public List<LotEntry> Lots { get; set; } = [];

    [BindProperty]
    public bool AcceptsTerms { get; set; }

    [BindProperty]
    public bool MeetsRequirements { get; set; }

    [BindProperty]
    public bool NoConflicts { get; set; }

    public Lot LotOf(LotEntry entry) => Tender.Lots.First(l => l.Id == entry.LotId);

    public async Task OnGetAsync(string id)
    {
        await LoadAsync(id);
        Lots = BidForm.For(Tender, Existing);
        (AcceptsTerms, MeetsRequirements, NoConflicts) = Existing?.Declarations is { } d
            ? (d.AcceptsTerms, d.MeetsMandatoryRequirements, d.NoConflictsDeclared)
            : (false, false, false);
        NewRequestId();
    }

    public async Task OnPostCheckAsync(string id)
    {
        await LoadAsync(id);
        Stage = Checked() ? Step.Check : Step.Form;
    }

    public async Task OnPostChangeAsync(string id) => await LoadAsync(id);

    public async Task OnPostSubmitAsync(string id)
    {
        await LoadAsync(id);
        if (!Checked()) return;
        var declarations = new Declarations { AcceptsTerms = AcceptsTerms, MeetsMandatoryRequirements = MeetsRequirements, NoConflictsDeclared = NoConflicts };
        try
        {
            if (Existing is { } bid)
            {
                var revise = new ReviseBidRequest { BidId = bid.Id, ExpectedVersion = bid.Version, Declarations = declarations };
                revise.Offers.AddRange(BidForm.Offers(Lots));
                Receipt = await bids.ReviseBidAsync(revise, ChangeOptions());
            }
            else
            {
                var submit = new SubmitBidRequest { TenderId = id, Declarations = declarations };
                submit.Offers.AddRange(BidForm.Offers(Lots));
                Receipt = await bids.SubmitBidAsync(submit, ChangeOptions());
            }
            Stage = Step.Receipt;
        }
        catch (RpcException refusal) when (ShowRefusal(refusal, BidForm.ServiceFields(Tender, Lots)))
        {
            Stage = Step.Form;
        }
    }

    /// <summary>The receipt as a file: the same JSON the CLI saves (`procurement bid verify` reads it).</summary>
    public IActionResult OnPostDownload(string id, string receipt)
    {
        Receipt parsed;
        try
        {
            parsed = Receipt.Parser.ParseJson(receipt);
        }
        catch (InvalidProtocolBufferException)
        {
            return BadRequest();
        }
        return File(System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(parsed)), "application/json",
            $"receipt-{parsed.BidId}-v{parsed.Version}.json");
    }

    private bool Checked()
    {
        foreach (var (field, message) in BidForm.Check(Tender, Lots, AcceptsTerms, MeetsRequirements, NoConflicts)) AddError(field, message);
        return Errors.Count == 0;
    }

    /// <summary>The tender, and the supplier's bid for it that may still change (not withdrawn, not opened).</summary>
    private async Task LoadAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        var mine = await bids.ListMyBidsAsync(new ListMyBidsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Existing = BidForm.Open(mine);
        // What was posted names lots of this tender only, in its order.
        // What was posted is read against the tender: its active lots only, and for each the lot's own criteria.
        Lots = [.. Lots.Where(l => Tender.Lots.Any(t => t.Id == l.LotId && t.Status == LotStatus.Active)).DistinctBy(l => l.LotId).Select(posted => new LotEntry
        {
            LotId = posted.LotId,
            Included = posted.Included,
            Price = posted.Price,
            Responses = BidForm.Answered(LotOf(posted))
                .Select(c => new ResponseEntry { CriterionId = c.Id, Text = posted.Responses.FirstOrDefault(r => r.CriterionId == c.Id)?.Text })
                .ToList(),
        })];
    }
}
