using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>How tenders read on the pages: statuses, commissioners, dates and money in plain UK English.</summary>
public static class TenderText
{
    // The suite runs with invariant globalization: its month names and digits are English already.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static string Status(TenderStatus status) => status switch
    {
        TenderStatus.Draft => "Draft",
        TenderStatus.Published => "Open for bids",
        TenderStatus.Closed => "Closed",
        TenderStatus.Cancelled => "Cancelled",
        TenderStatus.Complete => "Complete",
        _ => "Unknown",
    };

    /// <summary>The tag's colour; the words alone carry the meaning.</summary>
    public static string StatusTagClass(TenderStatus status) => status switch
    {
        TenderStatus.Draft => "govuk-tag--grey",
        TenderStatus.Published => "govuk-tag--green",
        TenderStatus.Closed => "govuk-tag--blue",
        TenderStatus.Cancelled => "govuk-tag--red",
        _ => "",
    };

    public static string LotStatus(Procurement.Contracts.Tender.V1.LotStatus status) => status switch
    {
        Procurement.Contracts.Tender.V1.LotStatus.Active => "Active",
        Procurement.Contracts.Tender.V1.LotStatus.Cancelled => "Cancelled",
        Procurement.Contracts.Tender.V1.LotStatus.Awarded => "Awarded",
        _ => "Unknown",
    };

    public static string BidStatus(Procurement.Contracts.Bid.V1.BidStatus status) => status switch
    {
        Procurement.Contracts.Bid.V1.BidStatus.Submitted => "Sealed",
        Procurement.Contracts.Bid.V1.BidStatus.NeedsReconfirmation => "Reconfirm: the tender was amended",
        Procurement.Contracts.Bid.V1.BidStatus.Withdrawn => "Withdrawn",
        Procurement.Contracts.Bid.V1.BidStatus.Opened => "Opened",
        Procurement.Contracts.Bid.V1.BidStatus.Void => "Void: its lot was cancelled",
        _ => "Unknown",
    };

    /// <summary>"kent" → "Kent"; several joined with "and".</summary>
    public static string Commissioners(IEnumerable<string> commissioners)
    {
        var names = commissioners.Select(Commissioner).ToList();
        return names.Count switch
        {
            0 => "None",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }

    public static string Commissioner(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..];

    /// <summary>"11:59pm on 1 October 2022" (UK time), or "Not set".</summary>
    public static string Deadline(Timestamp? moment)
    {
        if (moment is null) return "Not set";
        var uk = TimeZoneInfo.ConvertTime(moment.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var time = uk.Minute == 0 ? uk.ToString("htt", English) : uk.ToString("h:mmtt", English);
        return $"{time.ToLowerInvariant()} on {uk.ToString("d MMMM yyyy", English)}";
    }

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string Date(Procurement.Contracts.Common.V1.Date? date) =>
        date is { Year: > 0 } ? Date(new DateOnly(date.Year, date.Month, date.Day)) : "Not set";

    /// <summary>"£1,250,000.00" for GBP; other currencies with their code.</summary>
    public static string Money(Money? money)
    {
        if (money is null) return "Not set";
        var amount = money.MinorUnits / 100m;
        return money.Currency is "" or "GBP" ? amount.ToString("£#,##0.00", English) : $"{amount.ToString("#,##0.00", English)} {money.Currency}";
    }

    public static string Months(int months) => months == 1 ? "1 month" : $"{months} months";
}
