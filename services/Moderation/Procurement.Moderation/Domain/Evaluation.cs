namespace Procurement.Moderation.Domain;

/// <summary>
/// One lot's evaluation, owned by the lot's commissioner: its panel (a chair and evaluators), their
/// conflict declarations, the evaluators' individual scores, the chair's moderated scores and, once
/// complete, the result. Only bids compliant at opening are scored; the others are excluded from the
/// result with their reasons. Pure: who is calling, and when, come in as arguments.
/// </summary>
public sealed class Evaluation
{
    public const int MaxTextLength = 10_000;

    private readonly List<PanelMember> _evaluators = [];
    private readonly Dictionary<string, Dictionary<string, ConflictDeclaration>> _declarations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Person, Guid Bid, string Criterion), IndividualScore> _scores = [];
    private readonly HashSet<string> _submitted = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Bid, string Criterion), ModeratedScore> _moderated = [];

    private Evaluation(Guid id, Guid tenderId, LotModel lot, IReadOnlyList<OpenedBid> bids, DateTimeOffset openedAt)
    {
        Id = id;
        TenderId = tenderId;
        Lot = lot;
        Bids = bids;
        OpenedAt = openedAt;
    }

    public Guid Id { get; }
    public Guid TenderId { get; }
    public LotModel Lot { get; }
    public string Commissioner => Lot.Commissioner;
    public IReadOnlyList<OpenedBid> Bids { get; }
    public DateTimeOffset OpenedAt { get; }
    public PanelMember? Chair { get; private set; }
    public IReadOnlyList<PanelMember> Evaluators => _evaluators;
    public DateTimeOffset? CompletedAt { get; private set; }
    public EvaluationResult? Result { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }

    public IReadOnlyDictionary<string, Dictionary<string, ConflictDeclaration>> Declarations => _declarations;
    public IEnumerable<IndividualScore> IndividualScores => _scores.Values;
    public IReadOnlySet<string> SubmittedBy => _submitted;
    public IEnumerable<ModeratedScore> ModeratedScores => _moderated.Values;

    /// <summary>The bids the panel scores: those compliant at opening.</summary>
    public IEnumerable<OpenedBid> ScoredBids => Bids.Where(b => b.CompliantAtOpening);

    public EvaluationStage Stage =>
        CancelledAt is not null ? EvaluationStage.Cancelled
        : CompletedAt is not null ? EvaluationStage.Completed
        : Chair is null ? EvaluationStage.AwaitingPanel
        : _evaluators.All(e => _submitted.Contains(e.PersonId)) ? EvaluationStage.Moderating
        : EvaluationStage.Scoring;

    public static Evaluation Open(Guid id, Guid tenderId, LotModel lot, IReadOnlyList<OpenedBid> bids, DateTimeOffset openedAt) =>
        new(id, tenderId, lot, bids, openedAt);

    /// <summary>Rebuilds an evaluation from its stored state (persistence only): no rule is checked.</summary>
    public static Evaluation Rehydrate(
        Guid id, Guid tenderId, LotModel lot, IReadOnlyList<OpenedBid> bids, DateTimeOffset openedAt,
        PanelMember? chair, IEnumerable<PanelMember> evaluators, IEnumerable<(string Person, ConflictDeclaration Declaration)> declarations,
        IEnumerable<IndividualScore> scores, IEnumerable<string> submitted, IEnumerable<ModeratedScore> moderated,
        DateTimeOffset? completedAt, EvaluationResult? result, DateTimeOffset? cancelledAt = null, string? cancellationReason = null)
    {
        var evaluation = new Evaluation(id, tenderId, lot, bids, openedAt)
        {
            Chair = chair, CompletedAt = completedAt, Result = result, CancelledAt = cancelledAt, CancellationReason = cancellationReason,
        };
        evaluation._evaluators.AddRange(evaluators);
        foreach (var (person, declaration) in declarations) evaluation.DeclarationsOf(person)[declaration.Supplier] = declaration;
        foreach (var score in scores) evaluation._scores[(score.PersonId, score.BidId, score.CriterionId)] = score;
        evaluation._submitted.UnionWith(submitted);
        foreach (var score in moderated) evaluation._moderated[(score.BidId, score.CriterionId)] = score;
        return evaluation;
    }

    // ---- The panel (the commissioner's commissioning officer) ----

    /// <summary>
    /// Appoints the whole panel. Allowed until an evaluator has submitted scores; a member who is no
    /// longer on the panel loses their declarations and draft scores.
    /// </summary>
    public void AppointPanel(PanelMember chair, IReadOnlyList<PanelMember> evaluators)
    {
        RequireNotCompleted();
        if (_submitted.Count > 0)
            throw ModerationException.Precondition("Evaluators have already submitted scores; replace the chair or add an evaluator instead of re-appointing the panel.");
        if (evaluators.Count == 0) throw ModerationException.Invalid("Appoint at least one evaluator besides the chair.");
        var people = evaluators.Select(e => e.PersonId).Append(chair.PersonId).ToList();
        foreach (var person in people.Where(p => string.IsNullOrWhiteSpace(p)))
            throw ModerationException.Invalid("Every panel member needs a person id.");
        var twice = people.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw ModerationException.Invalid($"{twice.Key} is named more than once; the chair is not also an evaluator.");

        Chair = chair;
        _evaluators.Clear();
        _evaluators.AddRange(evaluators);
        var members = people.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _declarations.Keys.Where(p => !members.Contains(p)).ToList()) _declarations.Remove(gone);
        foreach (var key in _scores.Keys.Where(k => !members.Contains(k.Person)).ToList()) _scores.Remove(key);
    }

    /// <summary>Adds an evaluator (e.g. because every member is conflicted on a bid), until moderation has begun.</summary>
    public void AddEvaluator(PanelMember evaluator)
    {
        RequireNotCompleted();
        if (Chair is null) throw ModerationException.Precondition("Appoint the panel first.");
        if (_moderated.Count > 0) throw ModerationException.Precondition("Moderation has begun; the panel can no longer grow.");
        if (IsMember(evaluator.PersonId)) throw ModerationException.Invalid($"{evaluator.PersonId} is already on the panel.");
        _evaluators.Add(evaluator);
    }

    /// <summary>Replaces the chair (a conflicted chair must be replaced before moderation). The new chair declares afresh.</summary>
    public void ReplaceChair(PanelMember chair)
    {
        RequireNotCompleted();
        if (Chair is null) throw ModerationException.Precondition("Appoint the panel first.");
        if (_evaluators.Any(e => e.PersonId == chair.PersonId))
            throw ModerationException.Invalid($"{chair.PersonId} is an evaluator; the chair moderates and does not score.");
        if (Chair.PersonId != chair.PersonId) _declarations.Remove(Chair.PersonId);
        Chair = chair;
    }

    public bool IsMember(string personId) => Chair?.PersonId == personId || _evaluators.Any(e => e.PersonId == personId);
    public bool IsChair(string personId) => Chair?.PersonId == personId;
    public bool IsEvaluator(string personId) => _evaluators.Any(e => e.PersonId == personId);

    // ---- Conflicts of interest (each member, before any bid content) ----

    /// <summary>Declares, once, for every supplier that bid for the lot, whether the member has a conflict.</summary>
    public void DeclareConflicts(string personId, IReadOnlyList<ConflictDeclaration> declarations)
    {
        RequireMember(personId);
        RequireNotCompleted();
        if (HasDeclared(personId))
            throw ModerationException.Precondition("You have already declared; if a new conflict arises, tell the commissioning officer, who can replace you.");
        var suppliers = Bids.Select(b => b.Supplier).ToHashSet(StringComparer.Ordinal);
        var named = declarations.Select(d => d.Supplier).ToList();
        var problems = new List<string>();
        problems.AddRange(named.Where(s => !suppliers.Contains(s)).Distinct().Select(s => $"'{s}' did not bid for this lot"));
        problems.AddRange(named.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => $"'{g.Key}' is declared more than once"));
        problems.AddRange(suppliers.Where(s => !named.Contains(s)).Order(StringComparer.Ordinal).Select(s => $"no declaration for '{s}'"));
        problems.AddRange(declarations.Where(d => d.Conflicted && string.IsNullOrWhiteSpace(d.Note)).Select(d => $"say what the conflict with '{d.Supplier}' is"));
        if (problems.Count > 0) throw ModerationException.Invalid("Declare once for every supplier of the lot: " + string.Join("; ", problems) + ".");
        var mine = DeclarationsOf(personId);
        foreach (var declaration in declarations) mine[declaration.Supplier] = declaration;
    }

    public bool HasDeclared(string personId) =>
        _declarations.TryGetValue(personId, out var mine) && Bids.All(b => mine.ContainsKey(b.Supplier));

    public bool IsConflicted(string personId, string supplier) =>
        _declarations.TryGetValue(personId, out var mine) && mine.TryGetValue(supplier, out var d) && d.Conflicted;

    /// <summary>Whether the member may see this bid's content: on the panel, declared, and not conflicted with its supplier.</summary>
    public bool MaySeeBid(string personId, OpenedBid bid) =>
        IsMember(personId) && HasDeclared(personId) && !IsConflicted(personId, bid.Supplier);

    /// <summary>The bids whose content the member may read (for the bid service call made on their behalf).</summary>
    public IReadOnlyList<OpenedBid> BidsVisibleTo(string personId)
    {
        RequireMember(personId);
        if (!HasDeclared(personId))
            throw ModerationException.Precondition("Declare your conflicts of interest for every supplier before any bid is shown to you.");
        return [.. Bids.Where(b => MaySeeBid(personId, b))];
    }

    // ---- Individual scoring (evaluators) ----

    public void RecordScore(string personId, Guid bidId, string criterionId, int score, string justification, DateTimeOffset now)
    {
        RequireNotCompleted();
        if (!IsEvaluator(personId))
            throw ModerationException.Denied(IsChair(personId) ? "The chair moderates and does not score individually." : "Only the panel's evaluators score.");
        var bid = ScoredBid(bidId);
        if (!HasDeclared(personId))
            throw ModerationException.Precondition("Declare your conflicts of interest for every supplier before scoring.");
        if (IsConflicted(personId, bid.Supplier))
            throw ModerationException.Denied($"You declared a conflict with {bid.Supplier}; you do not score its bid.");
        if (_submitted.Contains(personId))
            throw ModerationException.Precondition("You have submitted your scores; they are locked.");
        ValidateScore(criterionId, score, justification, "justification");
        _scores[(personId, bidId, criterionId)] = new IndividualScore(personId, bidId, criterionId, score, justification, now);
    }

    /// <summary>What the evaluator still has to score before submitting: (bid, criterion) pairs.</summary>
    public IReadOnlyList<(Guid BidId, string CriterionId)> Outstanding(string personId) =>
    [
        .. from bid in ScoredBids
           where !IsConflicted(personId, bid.Supplier)
           from criterion in Lot.ScoredCriteria
           where !_scores.ContainsKey((personId, bid.BidId, criterion.CriterionId))
           select (bid.BidId, criterion.CriterionId),
    ];

    /// <summary>Submits all of the evaluator's scores, which then lock; only then may they see the others'.</summary>
    public void SubmitScores(string personId)
    {
        RequireNotCompleted();
        if (!IsEvaluator(personId)) throw ModerationException.Denied("Only the panel's evaluators submit scores.");
        if (!HasDeclared(personId)) throw ModerationException.Precondition("Declare your conflicts of interest first.");
        if (_submitted.Contains(personId)) throw ModerationException.Precondition("You have already submitted your scores.");
        var outstanding = Outstanding(personId);
        if (outstanding.Count > 0)
        {
            var names = outstanding.Take(5).Select(o => $"{SupplierOf(o.BidId)} {o.CriterionId}");
            throw ModerationException.Precondition(
                $"{outstanding.Count} score{(outstanding.Count == 1 ? "" : "s")} still to record before submitting: {string.Join(", ", names)}{(outstanding.Count > 5 ? ", …" : "")}.");
        }
        _submitted.Add(personId);
    }

    /// <summary>
    /// The individual scores this member may see: an evaluator their own, and the others' (for bids they
    /// may see) once they have submitted; the chair every score once all are in.
    /// </summary>
    public IReadOnlyList<IndividualScore> IndividualScoresVisibleTo(string personId)
    {
        var visibleBids = Bids.Where(b => MaySeeBid(personId, b)).Select(b => b.BidId).ToHashSet();
        var seesOthers = IsEvaluator(personId) ? _submitted.Contains(personId) : IsChair(personId) && Stage >= EvaluationStage.Moderating;
        return [.. _scores.Values.Where(s => s.PersonId == personId || (seesOthers && visibleBids.Contains(s.BidId)))
            .OrderBy(s => s.BidId).ThenBy(s => s.CriterionId, StringComparer.Ordinal).ThenBy(s => s.PersonId, StringComparer.Ordinal)];
    }

    // ---- Moderation and completion (the chair) ----

    public void RecordModeratedScore(string personId, Guid bidId, string criterionId, int score, string rationale, DateTimeOffset now)
    {
        RequireChairReady(personId, "moderate");
        var bid = ScoredBid(bidId);
        if (!ScoresFor(bid.BidId, criterionId).Any())
            throw ModerationException.Precondition($"Nobody on the panel could score {bid.Supplier}'s bid (every evaluator is conflicted); add an evaluator.");
        ValidateScore(criterionId, score, rationale, "rationale");
        _moderated[(bidId, criterionId)] = new ModeratedScore(bidId, criterionId, score, rationale, personId, now);
    }

    /// <summary>The individual scores for one criterion of one bid (for moderation and the spread flag).</summary>
    public IEnumerable<IndividualScore> ScoresFor(Guid bidId, string criterionId) =>
        _scores.Values.Where(s => s.BidId == bidId && s.CriterionId == criterionId && _submitted.Contains(s.PersonId));

    /// <summary>Whether the evaluators' scores for this criterion of this bid are 2+ points apart (on 0–5; proportionally otherwise).</summary>
    public bool SpreadFlagged(Guid bidId, string criterionId) =>
        ScoreSpread.IsFlagged([.. ScoresFor(bidId, criterionId).Select(s => s.Score)], Lot.Scale);

    /// <summary>Completes the evaluation: every scored bid needs a moderated score on every scored criterion.</summary>
    public EvaluationResult Complete(string personId, DateTimeOffset now)
    {
        RequireChairReady(personId, "complete the evaluation");
        var missing = (from bid in ScoredBids
                       from criterion in Lot.ScoredCriteria
                       where !_moderated.ContainsKey((bid.BidId, criterion.CriterionId))
                       select $"{bid.Supplier} {criterion.CriterionId}").ToList();
        if (missing.Count > 0)
            throw ModerationException.Precondition($"Moderated scores still missing: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}.");

        Result = EvaluationResults.Calculate(Lot, [.. Bids.Select(b => new BidToRank(
            b.BidId, b.Supplier, b.AnnualPricePence, b.CompliantAtOpening, b.NonComplianceReasons,
            Lot.ScoredCriteria.Where(c => _moderated.ContainsKey((b.BidId, c.CriterionId)))
                .ToDictionary(c => c.CriterionId, c => _moderated[(b.BidId, c.CriterionId)].Score, StringComparer.Ordinal)))]);
        CompletedAt = now;
        return Result;
    }

    /// <summary>
    /// The lot was cancelled: the evaluation stops where it is (a completed one keeps its result, for the
    /// record, but leads to no award). Idempotent: a second cancellation changes nothing.
    /// </summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        if (CancelledAt is not null) return;
        CancelledAt = now;
        CancellationReason = reason;
    }

    private void RequireChairReady(string personId, string action)
    {
        RequireNotCompleted();
        if (!IsChair(personId)) throw ModerationException.Denied($"Only the panel's chair may {action}.");
        if (!HasDeclared(personId)) throw ModerationException.Precondition("Declare your conflicts of interest first.");
        var conflicts = Bids.Where(b => IsConflicted(personId, b.Supplier)).Select(b => b.Supplier).ToList();
        if (conflicts.Count > 0)
            throw ModerationException.Precondition(
                $"You declared a conflict with {string.Join(", ", conflicts)}; a conflicted chair must be replaced before moderation (ask the commissioning officer).");
        var waiting = _evaluators.Where(e => !_submitted.Contains(e.PersonId)).Select(e => e.Name).ToList();
        if (waiting.Count > 0)
            throw ModerationException.Precondition($"Moderation starts once every evaluator has submitted; still scoring: {string.Join(", ", waiting)}.");
    }

    private void ValidateScore(string criterionId, int score, string text, string textName)
    {
        var criterion = Lot.ScoredCriteria.FirstOrDefault(c => c.CriterionId == criterionId)
                        ?? throw new ModerationException(ModerationRefusal.NotFound,
                            $"The lot has no quality or social-value criterion '{criterionId}' (price is scored by formula).");
        if (!Lot.Scale.Contains(score))
            throw ModerationException.Invalid($"{score} is outside the scale {Lot.Scale.Minimum}–{Lot.Scale.Maximum} for {criterion.CriterionId}.");
        if (string.IsNullOrWhiteSpace(text)) throw ModerationException.Invalid($"A {textName} is required for every score.");
        if (text.Length > MaxTextLength) throw ModerationException.Invalid($"The {textName} has {text.Length} characters; at most {MaxTextLength}.");
    }

    private OpenedBid ScoredBid(Guid bidId)
    {
        var bid = Bids.FirstOrDefault(b => b.BidId == bidId)
                  ?? throw new ModerationException(ModerationRefusal.NotFound, $"Bid {bidId} is not part of this evaluation.");
        if (!bid.CompliantAtOpening)
            throw ModerationException.Precondition($"{bid.Supplier}'s bid was non-compliant at opening and is not scored.");
        return bid;
    }

    private string SupplierOf(Guid bidId) => Bids.First(b => b.BidId == bidId).Supplier;

    private Dictionary<string, ConflictDeclaration> DeclarationsOf(string personId)
    {
        if (!_declarations.TryGetValue(personId, out var mine)) _declarations[personId] = mine = new(StringComparer.Ordinal);
        return mine;
    }

    private void RequireMember(string personId)
    {
        if (!IsMember(personId)) throw ModerationException.Denied("You are not on this evaluation's panel.");
    }

    private void RequireNotCompleted()
    {
        if (CancelledAt is not null)
            throw ModerationException.Precondition($"The lot was cancelled ({CancellationReason}); its evaluation has stopped.");
        if (CompletedAt is not null) throw ModerationException.Precondition($"The evaluation was completed at {CompletedAt:u}; it can no longer change.");
    }
}
