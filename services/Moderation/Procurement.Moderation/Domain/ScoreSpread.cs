namespace Procurement.Moderation.Domain;

/// <summary>
/// A large spread between the evaluators' individual scores for one question is flagged, so the panel
/// discusses it at moderation rather than averaging it away. "Large" is 2 points on a 0–5 scale, and the
/// same share of the range on other scales: (max − min) × 5 ≥ 2 × (scale maximum − scale minimum),
/// computed in integers so a spread exactly on the line is flagged the same way on every machine.
/// </summary>
public static class ScoreSpread
{
    public static bool IsFlagged(IReadOnlyCollection<int> individualScores, ScoringScale scale)
    {
        if (scale.Maximum <= scale.Minimum)
            throw new ArgumentException($"The scale must run upwards (it is {scale.Minimum} to {scale.Maximum}).", nameof(scale));
        foreach (var score in individualScores.Where(s => !scale.Contains(s)))
            throw new ArgumentException($"Score {score} lies outside the scale {scale.Minimum} to {scale.Maximum}.", nameof(individualScores));
        if (individualScores.Count < 2) return false;

        long spread = individualScores.Max() - individualScores.Min();
        long range = (long)scale.Maximum - scale.Minimum;
        return spread * 5 >= 2 * range;
    }
}
