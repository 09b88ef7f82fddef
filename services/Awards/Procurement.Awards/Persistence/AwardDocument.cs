using Procurement.Awards.Domain;

namespace Procurement.Awards.Persistence;

/// <summary>The stored form of an Award (jsonb): every part of its state, in records System.Text.Json reads back.</summary>
public sealed record AwardDocument(
    Guid Id, Guid TenderId, string LotId, string Commissioner, Regime Regime, LotTerms Terms, Guid EvaluationId, IReadOnlyList<BidOutcome> Ranking,
    DecisionText? Decision, IReadOnlyList<Signature> Signatures, SignatureRefusal? Refusal, DateTimeOffset? NotifiedAt, DateTimeOffset? StandstillEnds,
    IReadOnlyList<Challenge> Challenges, Contract? Contract)
{
    public static AwardDocument Of(Award a) => new(
        a.Id, a.TenderId, a.LotId, a.Commissioner, a.Regime, a.Terms, a.EvaluationId, a.Ranking,
        a.Decision, [.. a.Signatures], a.Refusal, a.NotifiedAt, a.StandstillEnds, [.. a.Challenges], a.Contract);

    public Award ToDomain() => Award.Rehydrate(
        Id, TenderId, LotId, Commissioner, Regime, Terms, EvaluationId, Ranking,
        Decision, Signatures, Refusal, NotifiedAt, StandstillEnds, Challenges, Contract);
}

internal static class AwardStorage
{
    public static Award ToDomain(this AwardRow row) => AwardJson.Read<AwardDocument>(row.Document).ToDomain();

    public static AwardRow CopyFrom(this AwardRow row, Award award, DateTimeOffset now)
    {
        if (row.CreatedAt == default) row.CreatedAt = now;
        row.Id = award.Id;
        row.TenderId = award.TenderId;
        row.LotId = award.LotId;
        row.Commissioner = award.Commissioner;
        row.Suppliers = [.. award.Ranking.Select(b => b.Supplier).Distinct()];
        row.Document = AwardJson.Write(AwardDocument.Of(award));
        row.UpdatedAt = now;
        return row;
    }
}
