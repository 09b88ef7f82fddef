using System.Globalization;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Common = Procurement.Contracts.Common.V1;

namespace Procurement.Web.Pages.Tenders;

/// <summary>What a supplier enters for one lot: whether it bids for it, its annual price, its answer to each scored criterion.</summary>
public sealed class LotEntry
{
    public string LotId { get; set; } = "";
    public bool Included { get; set; }
    public string? Price { get; set; }
    public List<ResponseEntry> Responses { get; set; } = [];
}

public sealed class ResponseEntry
{
    public string CriterionId { get; set; } = "";
    public string? Text { get; set; }
}

/// <summary>
/// The bid form's rules and its mapping to the bid service's request: the checks a person can act on before
/// anything is sent (GOV.UK's wording), the rest left to the service, whose field violations name these same fields.
/// </summary>
public static class BidForm
{
    public const long MaxPricePence = 100_000_000_000_00;
    public const int MaxResponseLength = 100_000;

    /// <summary>Of a supplier's bids for a tender, the one that may still change: sent or awaiting reconfirmation.</summary>
    public static Bid? Open(ListMyBidsResponse mine) => mine.Bids.FirstOrDefault(b => b.Status is BidStatus.Submitted or BidStatus.NeedsReconfirmation);

    /// <summary>The criteria a supplier answers in words: quality and social value (price is the price).</summary>
    public static IEnumerable<Criterion> Answered(Lot lot) => lot.Evaluation?.Criteria.Where(c => c.Kind != CriterionKind.Price) ?? [];

    /// <summary>The form for a tender: every active lot, prefilled from the supplier's bid when there is one.</summary>
    public static List<LotEntry> For(Tender tender, Bid? bid) =>
        tender.Lots.Where(l => l.Status == LotStatus.Active).Select(lot =>
        {
            var offer = bid?.Offers.FirstOrDefault(o => o.LotId == lot.Id);
            return new LotEntry
            {
                LotId = lot.Id,
                Included = offer is not null,
                Price = offer?.AnnualPrice is { } price ? (price.MinorUnits / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null,
                Responses = Answered(lot).Select(c => new ResponseEntry
                {
                    CriterionId = c.Id,
                    Text = offer?.Responses.FirstOrDefault(r => r.CriterionId == c.Id)?.Text,
                }).ToList(),
            };
        }).ToList();

    /// <summary>"£1,234.50", "1234.5" or "1,234" in pounds → pence; null when it is not an amount of money.</summary>
    public static long? ParsePounds(string? text)
    {
        var cleaned = (text ?? "").Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds)) return null;
        if (decimal.Round(pounds, 2) != pounds) return null;
        return (long)(pounds * 100);
    }

    /// <summary>The problems with what was entered, as (field id, message), in the order of the form.</summary>
    public static IEnumerable<(string Field, string Message)> Check(Tender tender, IReadOnlyList<LotEntry> lots, bool acceptsTerms, bool meetsRequirements, bool noConflicts)
    {
        if (!lots.Any(l => l.Included)) yield return ("lots-0-included", "Select at least one lot to bid for");
        for (var i = 0; i < lots.Count; i++)
        {
            var entry = lots[i];
            if (!entry.Included) continue;
            var lot = tender.Lots.FirstOrDefault(l => l.Id == entry.LotId);
            if (lot is null) continue;
            var pence = ParsePounds(entry.Price);
            if (string.IsNullOrWhiteSpace(entry.Price)) yield return ($"lots-{i}-price", $"Enter your annual price for {lot.Title}");
            else if (pence is null) yield return ($"lots-{i}-price", $"Annual price for {lot.Title} must be an amount in pounds, like 450000 or 450000.50");
            else if (pence <= 0 || pence > MaxPricePence) yield return ($"lots-{i}-price", $"Annual price for {lot.Title} must be more than £0 and no more than £1,000,000,000");
            for (var j = 0; j < entry.Responses.Count; j++)
            {
                var criterion = Answered(lot).FirstOrDefault(c => c.Id == entry.Responses[j].CriterionId);
                var text = entry.Responses[j].Text?.Trim() ?? "";
                if (text.Length == 0) yield return ($"lots-{i}-responses-{j}", $"Enter your answer to {criterion?.Title ?? entry.Responses[j].CriterionId} for {lot.Title}");
                else if (text.Length > MaxResponseLength) yield return ($"lots-{i}-responses-{j}", $"Your answer to {criterion?.Title} must be {MaxResponseLength:N0} characters or fewer");
            }
        }
        if (!acceptsTerms) yield return ("accepts-terms", "Confirm that you accept the contract terms");
        if (!meetsRequirements) yield return ("meets-requirements", "Confirm that you meet the mandatory requirements");
        if (!noConflicts) yield return ("no-conflicts", "Confirm that you have no conflicts of interest to declare");
    }

    public static IEnumerable<LotOffer> Offers(IEnumerable<LotEntry> lots) => lots.Where(l => l.Included).Select(entry =>
    {
        var offer = new LotOffer { LotId = entry.LotId, AnnualPrice = new Common.Money { MinorUnits = ParsePounds(entry.Price) ?? 0, Currency = "GBP" } };
        offer.Responses.AddRange(entry.Responses.Select(r => new CriterionResponse { CriterionId = r.CriterionId, Text = r.Text?.Trim() ?? "" }));
        return offer;
    });

    /// <summary>
    /// The service's field paths (offers[0].annual_price, offers[1].responses[0].text, declarations.accepts_terms) →
    /// the form's fields. Offers are numbered among the included lots only.
    /// </summary>
    public static Dictionary<string, (string Id, string Label)> ServiceFields(Tender tender, IReadOnlyList<LotEntry> lots)
    {
        var fields = new Dictionary<string, (string, string)>
        {
            ["declarations.accepts_terms"] = ("accepts-terms", "Accepting the contract terms"),
            ["declarations.meets_mandatory_requirements"] = ("meets-requirements", "Meeting the mandatory requirements"),
            ["declarations.no_conflicts_declared"] = ("no-conflicts", "Declaring no conflicts"),
            ["offers"] = ("lots-0-included", "The lots bid for"),
        };
        var offer = 0;
        for (var i = 0; i < lots.Count; i++)
        {
            if (!lots[i].Included) continue;
            var title = tender.Lots.FirstOrDefault(l => l.Id == lots[i].LotId)?.Title ?? lots[i].LotId;
            fields[$"offers[{offer}].annual_price"] = ($"lots-{i}-price", $"Annual price for {title}");
            fields[$"offers[{offer}].annual_price.minor_units"] = ($"lots-{i}-price", $"Annual price for {title}");
            for (var j = 0; j < lots[i].Responses.Count; j++)
                fields[$"offers[{offer}].responses[{j}].text"] = ($"lots-{i}-responses-{j}", $"Answer {j + 1} for {title}");
            offer++;
        }
        return fields;
    }
}
