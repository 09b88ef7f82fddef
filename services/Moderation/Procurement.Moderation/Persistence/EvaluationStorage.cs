using Microsoft.EntityFrameworkCore;
using Procurement.Moderation.Domain;

namespace Procurement.Moderation.Persistence;

/// <summary>An evaluation loaded for a change: its row locked, its child rows tracked, and the domain object built from them.</summary>
internal sealed class LoadedEvaluation(
    EvaluationRow row, List<ConflictDeclarationRow> declarations, List<IndividualScoreRow> scores,
    List<ScoreSubmissionRow> submissions, List<ModeratedScoreRow> moderated, Evaluation evaluation)
{
    public EvaluationRow Row { get; } = row;
    public Evaluation Evaluation { get; } = evaluation;

    /// <summary>Writes the evaluation's state back: the row, and each child table brought in line (rows added, changed, removed).</summary>
    public void Save(ModerationDb db)
    {
        var e = Evaluation;
        Row.CopyFrom(e);
        Sync(db, declarations,
            [.. e.Declarations.SelectMany(p => p.Value.Values.Select(d => new ConflictDeclarationRow
                { EvaluationId = e.Id, PersonId = p.Key, Supplier = d.Supplier, Conflicted = d.Conflicted, Note = d.Note }))],
            r => (r.PersonId, r.Supplier), (to, from) => (to.Conflicted, to.Note) = (from.Conflicted, from.Note));
        Sync(db, scores,
            [.. e.IndividualScores.Select(s => new IndividualScoreRow
                { EvaluationId = e.Id, PersonId = s.PersonId, BidId = s.BidId, CriterionId = s.CriterionId, Score = s.Score, Justification = s.Justification, At = s.At })],
            r => (r.PersonId, r.BidId, r.CriterionId), (to, from) => (to.Score, to.Justification, to.At) = (from.Score, from.Justification, from.At));
        Sync(db, submissions,
            [.. e.SubmittedBy.Select(p => new ScoreSubmissionRow { EvaluationId = e.Id, PersonId = p })],
            r => r.PersonId, (_, _) => { });
        Sync(db, moderated,
            [.. e.ModeratedScores.Select(m => new ModeratedScoreRow
                { EvaluationId = e.Id, BidId = m.BidId, CriterionId = m.CriterionId, Score = m.Score, Rationale = m.Rationale, By = m.By, At = m.At })],
            r => (r.BidId, r.CriterionId), (to, from) => (to.Score, to.Rationale, to.By, to.At) = (from.Score, from.Rationale, from.By, from.At));
    }

    private static void Sync<TRow, TKey>(ModerationDb db, List<TRow> stored, List<TRow> desired, Func<TRow, TKey> key, Action<TRow, TRow> update)
        where TRow : class where TKey : notnull
    {
        var wanted = desired.ToDictionary(key);
        foreach (var row in stored)
        {
            if (wanted.Remove(key(row), out var next)) update(row, next);
            else db.Remove(row);
        }
        db.AddRange(wanted.Values);
    }
}

internal static class EvaluationStorage
{
    public static LotModel ReadModel(string json) => ModerationJson.Read<LotModel>(json);

    /// <summary>Locks the evaluation's row until the transaction ends (changes to one evaluation apply one at a time) and loads it.</summary>
    public static async Task<LoadedEvaluation?> LoadForChangeAsync(this ModerationDb db, Guid id, CancellationToken cancellationToken)
    {
        var row = (await db.Evaluations.FromSql($"SELECT * FROM evaluation WHERE id = {id} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        if (row is null) return null;
        var declarations = await db.Declarations.Where(d => d.EvaluationId == id).ToListAsync(cancellationToken);
        var scores = await db.IndividualScores.Where(s => s.EvaluationId == id).ToListAsync(cancellationToken);
        var submissions = await db.Submissions.Where(s => s.EvaluationId == id).ToListAsync(cancellationToken);
        var moderated = await db.ModeratedScores.Where(s => s.EvaluationId == id).ToListAsync(cancellationToken);
        return new LoadedEvaluation(row, declarations, scores, submissions, moderated, row.ToDomain(declarations, scores, submissions, moderated));
    }

    /// <summary>Loads an evaluation to read it (no lock, nothing tracked).</summary>
    public static async Task<Evaluation?> LoadAsync(this ModerationDb db, Guid id, CancellationToken cancellationToken) =>
        (await db.LoadManyAsync([id], cancellationToken)).SingleOrDefault();

    /// <summary>Loads evaluations to read them, in the order of <paramref name="ids"/>: five queries, however many.</summary>
    public static async Task<IReadOnlyList<Evaluation>> LoadManyAsync(this ModerationDb db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var declarations = (await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(d => d.EvaluationId);
        var scores = (await db.IndividualScores.AsNoTracking().Where(s => ids.Contains(s.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(s => s.EvaluationId);
        var submissions = (await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(s => s.EvaluationId);
        var moderated = (await db.ModeratedScores.AsNoTracking().Where(s => ids.Contains(s.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(s => s.EvaluationId);
        return [.. ids.Where(rows.ContainsKey).Select(id => rows[id].ToDomain(declarations[id], scores[id], submissions[id], moderated[id]))];
    }

    public static Evaluation ToDomain(
        this EvaluationRow row, IEnumerable<ConflictDeclarationRow> declarations, IEnumerable<IndividualScoreRow> scores,
        IEnumerable<ScoreSubmissionRow> submissions, IEnumerable<ModeratedScoreRow> moderated) => Evaluation.Rehydrate(
        row.Id, row.TenderId, ReadModel(row.Model), ModerationJson.Read<List<OpenedBid>>(row.Bids), row.OpenedAt,
        row.Chair is null ? null : ModerationJson.Read<PanelMember>(row.Chair),
        ModerationJson.Read<List<PanelMember>>(row.Evaluators),
        declarations.Select(d => (d.PersonId, new ConflictDeclaration(d.Supplier, d.Conflicted, d.Note))),
        scores.Select(s => new IndividualScore(s.PersonId, s.BidId, s.CriterionId, s.Score, s.Justification, s.At)),
        submissions.Select(s => s.PersonId),
        moderated.Select(m => new ModeratedScore(m.BidId, m.CriterionId, m.Score, m.Rationale, m.By, m.At)),
        row.CompletedAt,
        row.Result is null ? null : ModerationJson.Read<EvaluationResult>(row.Result),
        row.CancelledAt, row.CancellationReason);

    public static EvaluationRow CopyFrom(this EvaluationRow row, Evaluation evaluation)
    {
        row.Id = evaluation.Id;
        row.TenderId = evaluation.TenderId;
        row.LotId = evaluation.Lot.LotId;
        row.Commissioner = evaluation.Commissioner;
        row.Model = ModerationJson.Write(evaluation.Lot);
        row.Bids = ModerationJson.Write(evaluation.Bids);
        row.OpenedAt = evaluation.OpenedAt;
        row.Chair = evaluation.Chair is null ? null : ModerationJson.Write(evaluation.Chair);
        row.Evaluators = ModerationJson.Write(evaluation.Evaluators);
        row.CompletedAt = evaluation.CompletedAt;
        row.Result = evaluation.Result is null ? null : ModerationJson.Write(evaluation.Result);
        row.CancelledAt = evaluation.CancelledAt;
        row.CancellationReason = evaluation.CancellationReason;
        row.Members = [.. evaluation.Evaluators.Select(e => e.PersonId).Prepend(evaluation.Chair?.PersonId).OfType<string>()];
        return row;
    }
}
