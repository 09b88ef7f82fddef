using Microsoft.AspNetCore.Mvc.RazorPages;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>One tender: its summary, timeline and lots. Another commissioner's tender is NOT_FOUND, shown as page not found.</summary>
public sealed class TenderModel(TenderService.TenderServiceClient tenders, Procurement.Contracts.Bid.V1.BidService.BidServiceClient bids,
    Procurement.Contracts.Award.V1.AwardService.AwardServiceClient awards, Procurement.Web.Gateway.SuiteClock clock) : PageModel
{
    /// <summary>For a bidder after the award is notified: the award of each lot it bid for, for its assessment summary.</summary>
    public IReadOnlyDictionary<string, string> MyAwards { get; private set; } = new Dictionary<string, string>();

    public Tender Tender { get; private set; } = new();
    public Timeline Timeline { get; private set; } = new([], null);
    public IReadOnlyList<Clarification> Questions { get; private set; } = [];

    /// <summary>What the person just did (after a form's redirect), for the success banner.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    /// <summary>A supplier may ask while the tender is open and its clarification deadline has not passed.</summary>
    public bool MayAsk => User.IsInRole("supplier") && Tender.Status == TenderStatus.Published
        && (Tender.Timetable?.ClarificationDeadline is not { } deadline || deadline.ToDateTimeOffset() > clock.GetUtcNow());

    public bool MayAnswer => User.IsInRole("procurement_officer");

    /// <summary>The signed-in supplier's bid for this tender (the latest that was not withdrawn), if any.</summary>
    public Procurement.Contracts.Bid.V1.Bid? MyBid { get; private set; }

    /// <summary>A supplier may bid or revise while the tender is open and its submission deadline has not passed.</summary>
    public bool MayBid => User.IsInRole("supplier") && Tender.Status == TenderStatus.Published
        && (Tender.Timetable?.SubmissionDeadline is not { } deadline || deadline.ToDateTimeOffset() > clock.GetUtcNow());

    public async Task OnGetAsync(string id)
    {
        Tender = await tenders.GetTenderAsync(new GetTenderRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
        Timeline = Timeline.Of(Tender, clock.GetUtcNow());
        if (User.IsInRole("supplier"))
            MyBid = (await bids.ListMyBidsAsync(new Procurement.Contracts.Bid.V1.ListMyBidsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted))
                .Bids.FirstOrDefault(b => b.Status != Procurement.Contracts.Bid.V1.BidStatus.Withdrawn);
        if (MyBid is { } bid && Tender.Status is TenderStatus.Closed or TenderStatus.Complete)
        {
            var package = await awards.GetReleasePackageAsync(new Procurement.Contracts.Award.V1.GetReleasePackageRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted);
            MyAwards = AwardNotices.Of(package.Json).Where(a => bid.Offers.Any(o => o.LotId == a.Key)).ToDictionary(a => a.Key, a => a.Value);
        }
        if (Tender.Status != TenderStatus.Draft)
            Questions = (await tenders.ListClarificationsAsync(new ListClarificationsRequest { TenderId = id }, cancellationToken: HttpContext.RequestAborted)).Clarifications;
    }
}
