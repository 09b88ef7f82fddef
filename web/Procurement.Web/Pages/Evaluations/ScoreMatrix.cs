using Procurement.Contracts.Moderation.V1;

namespace Procurement.Web.Pages.Evaluations;

/// <summary>
/// The chair's view of a lot's scores: for each bid, a row per scored criterion with a column per evaluator, the
/// spread between them (flagged when the service says the panel should discuss it) and the moderated score beside
/// them. Rendered as an HTML table whose cells are shaded by score, so the picture and its text are the same thing.
/// </summary>
public sealed record ScoreMatrix(IReadOnlyList<PanelMember> Evaluators, IReadOnlyList<ScoreMatrix.BidRows> Bids, int Minimum, int Maximum)
{
    public sealed record BidRows(string BidId, string Supplier, IReadOnlyList<Row> Rows)
    {
        public int Flagged => Rows.Count(r => r.SpreadFlagged);
    }

    /// <summary>One criterion of one bid: each evaluator's score (null: not scored, or not shown to the caller).</summary>
    public sealed record Row(string CriterionId, string Title, int WeightPercent, IReadOnlyList<int?> Scores, bool SpreadFlagged, ModeratedScore? Moderated)
    {
        public int? Spread => Scores.Any(s => s is not null) ? Scores.Max() - Scores.Min() : null;
    }

    public int FlaggedCount => Bids.Sum(b => b.Flagged);

    /// <summary>
    /// The matrix of an evaluation's scores. Only criteria the panel scores (quality and social value) have rows;
    /// bids are in supplier order, criteria in the lot's order.
    /// </summary>
    public static ScoreMatrix Of(Evaluation evaluation, IEnumerable<CriterionScores> scores, IReadOnlyDictionary<string, string> criterionTitles)
    {
        var byKey = scores.ToDictionary(s => (s.BidId, s.CriterionId));
        var scored = evaluation.Criteria.Where(c => c.Kind != "price").ToList();
        var evaluators = evaluation.Evaluators.ToList();
        var bids = evaluation.Bids
            .OrderBy(b => b.Supplier, StringComparer.Ordinal)
            .Select(bid => new BidRows(bid.BidId, bid.Supplier, scored.Select(criterion =>
            {
                byKey.TryGetValue((bid.BidId, criterion.CriterionId), out var cell);
                var individual = evaluators
                    .Select(e => cell?.Individual.FirstOrDefault(i => i.PersonId == e.PersonId) is { } s ? (int?)s.Score : null)
                    .ToList();
                return new Row(criterion.CriterionId, criterionTitles.GetValueOrDefault(criterion.CriterionId, criterion.CriterionId),
                    criterion.WeightPercent, individual, cell?.SpreadFlagged ?? false, cell?.Moderated);
            }).ToList()))
            .ToList();
        var scale = evaluation.Scale ?? new ScaleInfo { Minimum = 0, Maximum = 5 };
        return new ScoreMatrix(evaluators, bids, scale.Minimum, scale.Maximum == scale.Minimum ? scale.Minimum + 1 : scale.Maximum);
    }

    /// <summary>The shade of a score, 0 (the scale's lowest) to 4 (its highest), for the cell's CSS class.</summary>
    public int Shade(int score) =>
        (int)Math.Round(4.0 * Math.Clamp(score - Minimum, 0, Maximum - Minimum) / (Maximum - Minimum), MidpointRounding.AwayFromZero);
}
