using System.Globalization;
using System.Numerics;

namespace Procurement.Moderation.Domain;

/// <summary>
/// The results of one lot's evaluation, from the panel's moderated scores and the opened prices.
/// <list type="bullet">
/// <item>Quality and social-value marks of a criterion = moderated score ÷ scale maximum × weight.</item>
/// <item>A bid non-compliant at opening is excluded with its reasons. Otherwise, where the lot sets a
/// minimum quality threshold, a bid whose quality marks (quality criteria only, not social value) are
/// below that percentage of the available quality marks is excluded; exactly on the line stays in.</item>
/// <item>Price marks = lowest price among the bids still in the running ÷ this bid's price × price
/// weight, so an excluded bid never sets the lowest price. Excluded bids get no price marks and no
/// rank, but keep their criterion marks so their assessment summary can show them.</item>
/// <item>Total = quality + social value + price marks. Rank: higher total, then higher quality marks,
/// then lower price, then supplier id (ordinal), then bid id; ranks are 1..n, never shared.</item>
/// </list>
/// Money is integer pence. Marks are decimals with no rounding step, but a quotient that does not
/// terminate (a price ratio, a 0–3 scale) is still cut at decimal's 28 digits; so the threshold and
/// the ranking are decided on exact integer (rational) arithmetic, never on those last digits. Round
/// only to present (<see cref="ForPresentation"/>). The service calls this once moderation is
/// complete, so a missing, stray or off-scale score is a usage error (ArgumentException), not a result.
/// </summary>
public static class EvaluationResults
{
    /// <summary>The tie-break, as shown with the results.</summary>
    public const string TieBreak =
        "Higher total marks; then higher quality marks; then the lower price; then supplier id, then bid id (ordinal). Ranks are never shared.";

    public static EvaluationResult Calculate(LotModel lot, IReadOnlyList<BidToRank> bids)
    {
        if (lot.Scale.Minimum < 0 || lot.Scale.Maximum <= lot.Scale.Minimum)
            throw new ArgumentException($"Lot {lot.LotId}'s scale must run upwards from 0 or more (it is {lot.Scale.Minimum} to {lot.Scale.Maximum}).", nameof(lot));
        foreach (var duplicate in bids.GroupBy(b => b.BidId).Where(g => g.Count() > 1))
            throw new ArgumentException($"Bid {duplicate.Key} is given more than once.", nameof(bids));

        var scored = bids.Select(b => ScoredBid.Of(lot, b)).ToList();
        var running = scored.Where(s => s.ExclusionReason is null).ToList();
        foreach (var free in running.Where(s => s.Bid.AnnualPricePence <= 0))
            throw new ArgumentException($"Bid {free.Bid.BidId} ({free.Bid.Supplier}) has an annual price of {free.Bid.AnnualPricePence} pence; a bid in the running needs a price above zero.", nameof(bids));

        var lowest = running.Count == 0 ? 0 : running.Min(s => s.Bid.AnnualPricePence);
        running.Sort((a, b) => RankOrder(lot, lowest, a, b));
        var excluded = scored
            .Where(s => s.ExclusionReason is not null)
            .OrderBy(s => s.Bid.Supplier, StringComparer.Ordinal)
            .ThenBy(s => s.Bid.BidId);
        return new(
        [
            .. running.Select((s, i) => s.Result(lot, lowest, i + 1)),
            .. excluded.Select(s => s.Result(lot, lowestPrice: null, rank: null)),
        ]);
    }

    /// <summary>Marks as shown to people: 2 decimal places, halves away from zero. Never rank on these.</summary>
    public static decimal ForPresentation(decimal marks) => Math.Round(marks, 2, MidpointRounding.AwayFromZero);

    private static int RankOrder(LotModel lot, long lowest, ScoredBid a, ScoredBid b)
    {
        var byTotal = ExactTotal(lot, lowest, b).CompareTo(ExactTotal(lot, lowest, a));
        if (byTotal != 0) return byTotal;
        var byQuality = b.QualityPoints.CompareTo(a.QualityPoints);
        if (byQuality != 0) return byQuality;
        var byPrice = a.Bid.AnnualPricePence.CompareTo(b.Bid.AnnualPricePence);
        if (byPrice != 0) return byPrice;
        var bySupplier = string.CompareOrdinal(a.Bid.Supplier, b.Bid.Supplier);
        return bySupplier != 0 ? bySupplier : a.Bid.BidId.CompareTo(b.Bid.BidId);
    }

    /// <summary>
    /// The total as an exact fraction: (weighted points × price + lowest price × price weight × scale
    /// maximum) ÷ (scale maximum × price). Two totals compare by cross-multiplying, so two bids whose
    /// totals are equal are tied even where their decimal sums differ in the 28th digit.
    /// </summary>
    private static Fraction ExactTotal(LotModel lot, long lowest, ScoredBid s)
    {
        var maximum = new BigInteger(lot.Scale.Maximum);
        var price = new BigInteger(s.Bid.AnnualPricePence);
        var numerator = (s.QualityPoints + s.SocialValuePoints) * price + new BigInteger(lowest) * PriceWeight(lot) * maximum;
        return new(numerator, maximum * price);
    }

    internal static int PriceWeight(LotModel lot) => lot.Criteria.Where(c => c.Kind == CriterionKind.Price).Sum(c => c.WeightPercent);

    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator) : IComparable<Fraction>
    {
        public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }

    /// <summary>
    /// A figure for a reason, cut (not rounded) to its decimals: a bid just below a threshold must
    /// never read as reaching it ("30.00 of 60" for 29.997).
    /// </summary>
    internal static string Cut(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.ToZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
