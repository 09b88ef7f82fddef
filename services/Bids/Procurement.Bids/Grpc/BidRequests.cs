using System.Text.RegularExpressions;
using Procurement.Bids.Domain;
using Proto = Procurement.Contracts.Bid.V1;

namespace Procurement.Bids.Grpc;

/// <summary>
/// Reads a bid's offers and declarations from a request, collecting every problem with the field it is
/// in (the domain then checks them against the tender: lots, deadline). Missing responses are not
/// refused here: an incomplete bid is accepted and marked non-compliant at opening, as the rules say.
/// </summary>
internal static partial class BidRequests
{
    public const int MaxOffers = 100;
    public const int MaxResponsesPerOffer = 200;
    public const int MaxResponseLength = 100_000;
    public const int MaxIdLength = 100;

    public static (IReadOnlyList<LotOffer> Offers, Declarations Declarations) Read(
        IReadOnlyList<Proto.LotOffer> offers, Proto.Declarations? declarations)
    {
        var problems = new List<(string, string)>();
        if (offers.Count > MaxOffers) problems.Add(("offers", $"at most {MaxOffers} offers per bid"));
        var read = new List<LotOffer>();
        for (var i = 0; i < Math.Min(offers.Count, MaxOffers); i++)
        {
            var offer = offers[i];
            var at = $"offers[{i}]";
            if (string.IsNullOrWhiteSpace(offer.LotId)) problems.Add(($"{at}.lot_id", "name the lot this offer is for"));
            else if (offer.LotId.Length > MaxIdLength) problems.Add(($"{at}.lot_id", $"at most {MaxIdLength} characters"));
            if (offer.AnnualPrice is null) problems.Add(($"{at}.annual_price", "the annual price is required"));
            else if (!CurrencyCode().IsMatch(offer.AnnualPrice.Currency))
                problems.Add(($"{at}.annual_price.currency", $"'{offer.AnnualPrice.Currency}' is not an ISO 4217 code such as GBP"));
            if (offer.Responses.Count > MaxResponsesPerOffer)
                problems.Add(($"{at}.responses", $"at most {MaxResponsesPerOffer} responses per offer"));
            for (var j = 0; j < offer.Responses.Count; j++)
            {
                var response = offer.Responses[j];
                if (string.IsNullOrWhiteSpace(response.CriterionId))
                    problems.Add(($"{at}.responses[{j}].criterion_id", "name the criterion this response answers"));
                if (response.Text.Length > MaxResponseLength)
                    problems.Add(($"{at}.responses[{j}].text", $"{response.Text.Length} characters; at most {MaxResponseLength}"));
            }
            foreach (var twice in offer.Responses.GroupBy(r => r.CriterionId).Where(g => g.Count() > 1 && g.Key.Length > 0))
                problems.Add(($"{at}.responses", $"criterion '{twice.Key}' is answered more than once"));
            read.Add(new LotOffer(
                offer.LotId,
                new Money(offer.AnnualPrice?.MinorUnits ?? 0, offer.AnnualPrice?.Currency ?? ""),
                [.. offer.Responses.Select(r => new CriterionResponse(r.CriterionId, r.Text))]));
        }
        if (problems.Count > 0) throw Refusals.Invalid(problems);
        return (read, new Declarations(
            declarations?.AcceptsTerms ?? false, declarations?.MeetsMandatoryRequirements ?? false, declarations?.NoConflictsDeclared ?? false));
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
