using System.Security.Cryptography;
using System.Text;
using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Tests.Domain;

/// <summary>The two lots of the seed joint tender (../shared/seeds/002), as their evaluations see them, and bids for them.</summary>
public static class SeedLots
{
    public static LotModel Kent() => new("kent", "kent",
    [
        new("Q1", CriterionKind.Quality, 30),
        new("Q2", CriterionKind.Quality, 20),
        new("Q3", CriterionKind.Quality, 10),
        new("SV1", CriterionKind.SocialValue, 10),
        new("PRICE", CriterionKind.Price, 30),
    ], ScoringScale.Default, MinimumQualityPercent: 50);

    public static LotModel Essex() => new("essex", "essex",
    [
        new("Q1", CriterionKind.Quality, 60),
        new("PRICE", CriterionKind.Price, 40),
    ], ScoringScale.Default, MinimumQualityPercent: null);

    /// <summary>A compliant bid for the Kent lot with its moderated scores.</summary>
    public static BidToRank KentBid(string supplier, long annualPounds, int q1, int q2, int q3, int sv1) =>
        Bid(supplier, annualPounds, new() { ["Q1"] = q1, ["Q2"] = q2, ["Q3"] = q3, ["SV1"] = sv1 });

    public static BidToRank Bid(string supplier, long annualPounds, Dictionary<string, int> moderatedScores) =>
        new(IdOf(supplier), supplier, annualPounds * 100, true, [], moderatedScores);

    /// <summary>A bid id that is the same on every run, so orderings that fall back to it are reproducible.</summary>
    public static Guid IdOf(string supplier) => new(MD5.HashData(Encoding.UTF8.GetBytes(supplier)));
}
