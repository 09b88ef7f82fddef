using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Tests.Domain;

/// <summary>Kent's lot of the seed case with its two bids, and a panel from Kent's office and force.</summary>
public static class KentPanel
{
    public static readonly Guid TenderId = Guid.Parse("6a1d5a8e-2f3c-4b7e-9d41-0c2e7f5b9a10");
    public static readonly Guid VictimSupportBid = Guid.Parse("11111111-1111-4111-8111-111111111111");
    public static readonly Guid Catch22Bid = Guid.Parse("22222222-2222-4222-8222-222222222222");
    public static readonly DateTimeOffset OpenedAt = new(2022, 10, 31, 12, 0, 0, TimeSpan.Zero);

    public static LotModel Lot { get; } = new("kent", "kent",
    [
        new("Q1", CriterionKind.Quality, 30), new("Q2", CriterionKind.Quality, 20), new("Q3", CriterionKind.Quality, 10),
        new("SV1", CriterionKind.SocialValue, 10), new("PRICE", CriterionKind.Price, 30),
    ], ScoringScale.Default, 50);

    public static PanelMember Chair { get; } = new("p-chris", "Chris Chair", Affiliation.Office);
    public static PanelMember Office { get; } = new("p-olive", "Olive Office", Affiliation.Office);
    public static PanelMember Force { get; } = new("p-fred", "Fred Force", Affiliation.Force);

    public static Evaluation Opened() => Evaluation.Open(Guid.NewGuid(), TenderId, Lot,
    [
        new OpenedBid(VictimSupportBid, "victim-support", 1_000_000_00, "GBP", true, []),
        new OpenedBid(Catch22Bid, "catch-22", 1_100_000_00, "GBP", true, []),
    ], OpenedAt);

    public static Evaluation WithPanel()
    {
        var evaluation = Opened();
        evaluation.AppointPanel(Chair, [Office, Force]);
        return evaluation;
    }

    public static IReadOnlyList<ConflictDeclaration> NoConflicts() =>
        [new("victim-support", false, ""), new("catch-22", false, "")];

    /// <summary>Everyone declared no conflict.</summary>
    public static Evaluation Declared()
    {
        var evaluation = WithPanel();
        foreach (var person in new[] { Chair, Office, Force }) evaluation.DeclareConflicts(person.PersonId, NoConflicts());
        return evaluation;
    }

    /// <summary>Records the same score for every criterion of every bid the evaluator may score.</summary>
    public static void ScoreAll(Evaluation evaluation, PanelMember evaluator, int score)
    {
        foreach (var (bid, criterion) in evaluation.Outstanding(evaluator.PersonId))
            evaluation.RecordScore(evaluator.PersonId, bid, criterion, score, $"{criterion}: evidence seen", OpenedAt.AddDays(1));
    }
}
