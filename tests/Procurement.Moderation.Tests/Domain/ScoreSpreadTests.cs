using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Tests.Domain;

public sealed class ScoreSpreadTests
{
    [Theory]
    [InlineData(new[] { 3, 4 }, false)]
    [InlineData(new[] { 3, 3, 3 }, false)]
    [InlineData(new[] { 2, 4 }, true)]
    [InlineData(new[] { 3, 4, 1 }, true)]
    [InlineData(new[] { 0, 5 }, true)]
    public void On_0_to_5_a_spread_of_two_points_is_flagged_and_one_is_not(int[] scores, bool flagged) =>
        Assert.Equal(flagged, ScoreSpread.IsFlagged(scores, ScoringScale.Default));

    [Theory]
    [InlineData(new[] { 5, 8 }, false)]
    [InlineData(new[] { 4, 8 }, true)]
    public void On_1_to_10_the_line_is_the_same_share_of_the_range(int[] scores, bool flagged) =>
        Assert.Equal(flagged, ScoreSpread.IsFlagged(scores, new ScoringScale(1, 10)));

    [Theory]
    [InlineData(new[] { 60, 99 }, false)]
    [InlineData(new[] { 60, 100 }, true)]
    public void On_0_to_100_a_spread_of_40_is_flagged_and_39_is_not(int[] scores, bool flagged) =>
        Assert.Equal(flagged, ScoreSpread.IsFlagged(scores, new ScoringScale(0, 100)));

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 0 })]
    public void Fewer_than_two_scores_are_not_flagged(int[] scores) =>
        Assert.False(ScoreSpread.IsFlagged(scores, ScoringScale.Default));

    [Fact]
    public void A_score_outside_the_scale_is_a_usage_error()
    {
        var error = Assert.Throws<ArgumentException>(() => ScoreSpread.IsFlagged([2, 6], ScoringScale.Default));
        Assert.StartsWith("Score 6 lies outside the scale 0 to 5.", error.Message);
    }
}
