namespace Procurement.Awards.Domain;

/// <summary>
/// One lot's award, owned by the lot's commissioner: the panel's recommendation (rank 1), the Record of
/// Decision signed in order (finance officer, chief executive, commissioner), the notification with its
/// standstill, challenges that suspend it, the contract entered after standstill, and extensions of that
/// contract. Pure: who acts, and when, come in as arguments.
/// </summary>
public sealed class Award
{
    public const int MaxTextLength = 20_000;
    private static readonly Signatory[] Order = [Signatory.FinanceOfficer, Signatory.ChiefExecutive, Signatory.Commissioner];

    private readonly List<Signature> _signatures = [];
    private readonly List<Challenge> _challenges = [];

    private Award(Guid id, Guid tenderId, string lotId, string commissioner, Regime regime, LotTerms terms, Guid evaluationId, IReadOnlyList<BidOutcome> ranking)
    {
        Id = id;
        TenderId = tenderId;
        LotId = lotId;
        Commissioner = commissioner;
        Regime = regime;
        Terms = terms;
        EvaluationId = evaluationId;
        Ranking = ranking;
    }

    public Guid Id { get; }
    public Guid TenderId { get; }
    public string LotId { get; }
    public string Commissioner { get; }
    public Regime Regime { get; }
    public LotTerms Terms { get; }
    public Guid EvaluationId { get; }
    public IReadOnlyList<BidOutcome> Ranking { get; }
    public BidOutcome? Preferred => Ranking.FirstOrDefault(b => b.Rank == 1);
    public DecisionText? Decision { get; private set; }
    public IReadOnlyList<Signature> Signatures => _signatures;
    public SignatureRefusal? Refusal { get; private set; }
    /// <summary>When the commissioner signed: the award is notified then.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }
    public DateTimeOffset? StandstillEnds { get; private set; }
    public IReadOnlyList<Challenge> Challenges => _challenges;
    public Contract? Contract { get; private set; }

    public static Award Recommend(Guid id, Guid tenderId, string lotId, string commissioner, Regime regime, LotTerms terms, Guid evaluationId, IReadOnlyList<BidOutcome> ranking) =>
        new(id, tenderId, lotId, commissioner, regime, terms, evaluationId, ranking);

    /// <summary>Rebuilds an award from its stored state (persistence only): no rule is checked.</summary>
    public static Award Rehydrate(
        Guid id, Guid tenderId, string lotId, string commissioner, Regime regime, LotTerms terms, Guid evaluationId, IReadOnlyList<BidOutcome> ranking,
        DecisionText? decision, IEnumerable<Signature> signatures, SignatureRefusal? refusal, DateTimeOffset? notifiedAt, DateTimeOffset? standstillEnds,
        IEnumerable<Challenge> challenges, Contract? contract)
    {
        var award = new Award(id, tenderId, lotId, commissioner, regime, terms, evaluationId, ranking)
        {
            Decision = decision, Refusal = refusal, NotifiedAt = notifiedAt, StandstillEnds = standstillEnds, Contract = contract,
        };
        award._signatures.AddRange(signatures);
        award._challenges.AddRange(challenges);
        return award;
    }

    public AwardStage StageAt(DateTimeOffset now) =>
        Preferred is null ? AwardStage.NoAward
        : Contract is not null ? AwardStage.Contracted
        : _challenges.Any(c => c.Open) ? AwardStage.Suspended
        : NotifiedAt is null ? (Refusal is null ? AwardStage.Recommended : AwardStage.Refused)
        : now < StandstillEnds ? AwardStage.Standstill
        : AwardStage.ReadyToContract;

    /// <summary>The signatory whose turn it is, or null once the commissioner has signed (or nothing is drafted).</summary>
    public Signatory? NextSignatory => Decision is null || NotifiedAt is not null || Refusal is not null ? null : Order[_signatures.Count];

    // ---- The Record of Decision (the commissioning officer drafts; the signatories sign in order) ----

    /// <summary>Drafts (or redrafts, after a refusal) the Record of Decision; signatures start again.</summary>
    public void DraftDecision(DecisionText text)
    {
        RequireSomethingToAward();
        if (NotifiedAt is not null) throw AwardException.Precondition("The decision was signed by the commissioner and notified; it can no longer be redrafted.");
        if (_signatures.Count > 0 && Refusal is null)
            throw AwardException.Precondition($"The {Describe(_signatures[^1].As)} has signed this draft; it can be redrafted only after a refusal.");
        var problems = new List<string>();
        Require(text.Reference, "reference", problems);
        Require(text.Title, "title", problems);
        Require(text.ExecutiveSummary, "executive summary", problems);
        Require(text.Recommendation, "recommendation", problems);
        Require(text.Decision, "decision", problems);
        if (problems.Count > 0) throw AwardException.Invalid("The Record of Decision needs " + string.Join(", ", problems) + ".");
        Decision = text;
        Refusal = null;
        _signatures.Clear();
    }

    /// <summary>
    /// Signs as <paramref name="as"/> (the caller's role, checked by the service) when it is that
    /// signatory's turn. The commissioner's signature makes the decision: the award is notified, and
    /// standstill runs from then for the tender's regime.
    /// </summary>
    public void Sign(Signatory @as, string personId, string name, string comments, DateTimeOffset now)
    {
        RequireTurn(@as);
        if (comments.Length > MaxTextLength) throw AwardException.Invalid($"Comments have {comments.Length} characters; at most {MaxTextLength}.");
        _signatures.Add(new Signature(@as, personId, name, comments, now));
        if (@as == Signatory.Commissioner)
        {
            NotifiedAt = now;
            StandstillEnds = Standstill.End(Regime, now);
        }
    }

    /// <summary>Declines to sign: the decision stops with the reason, until the commissioning officer redrafts it.</summary>
    public void RefuseToSign(Signatory @as, string personId, string name, string reason, DateTimeOffset now)
    {
        RequireTurn(@as);
        if (string.IsNullOrWhiteSpace(reason)) throw AwardException.Invalid("Give the reason for refusing; it is recorded with the decision.");
        Refusal = new SignatureRefusal(@as, personId, name, reason, now);
    }

    /// <summary>What each bidder is told once the award is notified: its own scores beside the winner's.</summary>
    public IReadOnlyList<AssessmentSummary> AssessmentSummaries()
    {
        if (NotifiedAt is null) throw AwardException.Precondition("Assessment summaries are sent with the award notification, once the commissioner has signed.");
        var winner = Preferred!;
        return [.. Ranking.Select(b => new AssessmentSummary(b.Supplier, b.BidId == winner.BidId, b, winner))];
    }

    // ---- Standstill and challenges ----

    public void RecordChallenge(string supplier, string grounds, string recordedBy, DateTimeOffset now)
    {
        if (NotifiedAt is null) throw AwardException.Precondition("Nothing has been notified yet; a challenge is recorded during standstill.");
        if (Contract is not null) throw AwardException.Precondition("The contract has been entered; standstill is over.");
        if (now >= StandstillEnds) throw AwardException.Precondition($"Standstill ended at {StandstillEnds:u}; a challenge is recorded during standstill.");
        if (Ranking.All(b => b.Supplier != supplier)) throw AwardException.Invalid($"'{supplier}' did not bid for this lot.");
        if (string.IsNullOrWhiteSpace(grounds)) throw AwardException.Invalid("State the grounds of the challenge.");
        _challenges.Add(new Challenge(supplier, grounds, recordedBy, now));
    }

    public void ResolveChallenge(string resolution, DateTimeOffset now)
    {
        var index = _challenges.FindIndex(c => c.Open);
        if (index < 0) throw AwardException.Precondition("No challenge is open.");
        if (string.IsNullOrWhiteSpace(resolution)) throw AwardException.Invalid("Record how the challenge was resolved.");
        _challenges[index] = _challenges[index] with { Resolution = resolution, ResolvedAt = now };
    }

    // ---- The contract and its extensions ----

    /// <summary>Enters the contract once standstill has ended and no challenge is open.</summary>
    public Contract EnterContract(Guid contractId, DateTimeOffset now)
    {
        switch (StageAt(now))
        {
            case AwardStage.NoAward: RequireSomethingToAward(); break;
            case AwardStage.Contracted: throw AwardException.Precondition("The contract has already been entered.");
            case AwardStage.Suspended: throw AwardException.Precondition("A challenge is open: the award is suspended until it is resolved.");
            case AwardStage.Recommended or AwardStage.Refused:
                throw AwardException.Precondition("The Record of Decision is not signed by the commissioner yet.");
            case AwardStage.Standstill:
                throw AwardException.Precondition($"Standstill runs until {StandstillEnds:u}; the contract cannot be entered before it ends.");
        }
        var winner = Preferred!;
        Contract = new Contract(contractId, winner.Supplier, Commissioner, Terms.Start, Terms.Start.AddMonths(Terms.InitialTermMonths).AddDays(-1),
            winner.AnnualPricePence, winner.Currency, Terms.ExtensionAllowanceMonths, Terms.ExtensionStepMonths, now, []);
        return Contract;
    }

    /// <summary>
    /// Extends the contract by one step of its allowance, at its own annual value: a decision signed by
    /// the commissioner. Refused past the allowance, and once the contract has ended.
    /// </summary>
    public Extension Extend(string reference, int months, long annualValuePence, string decidedBy, string comments, DateTimeOffset now)
    {
        var contract = Contract ?? throw AwardException.Precondition("No contract has been entered for this lot yet.");
        if (string.IsNullOrWhiteSpace(reference)) throw AwardException.Invalid("The extension decision needs a reference.");
        if (annualValuePence <= 0) throw AwardException.Invalid("The extension's annual value must be more than zero.");
        if (contract.ExtensionStepMonths <= 0 || contract.ExtensionAllowanceMonths <= 0)
            throw AwardException.Precondition("This contract has no extension allowance.");
        if (months != contract.ExtensionStepMonths)
            throw AwardException.Invalid($"Extensions are taken in steps of {contract.ExtensionStepMonths} months, not {months}.");
        if (months > contract.RemainingAllowanceMonths)
            throw AwardException.Precondition(
                $"The allowance is {contract.ExtensionAllowanceMonths} months and {contract.ExtendedMonths} are taken; {months} more would exceed it.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today > contract.CurrentEnd)
            throw AwardException.Precondition($"The contract ended on {contract.CurrentEnd:yyyy-MM-dd}; an ended contract cannot be extended.");
        var from = contract.CurrentEnd.AddDays(1);
        var extension = new Extension(reference, months, annualValuePence, decidedBy, comments, now, from, from.AddMonths(months).AddDays(-1));
        Contract = contract with { Extensions = [.. contract.Extensions, extension] };
        return extension;
    }

    private void RequireTurn(Signatory @as)
    {
        RequireSomethingToAward();
        if (Decision is null) throw AwardException.Precondition("The Record of Decision has not been drafted yet.");
        if (NotifiedAt is not null) throw AwardException.Precondition("The decision is already signed by the commissioner.");
        if (Refusal is not null)
            throw AwardException.Precondition($"The {Describe(Refusal.As)} refused to sign ({Refusal.Reason}); the decision must be redrafted first.");
        var next = Order[_signatures.Count];
        if (@as != next)
            throw AwardException.Precondition($"Signatures go finance officer, chief executive, commissioner: it is the {Describe(next)}'s turn, not the {Describe(@as)}'s.");
    }

    private void RequireSomethingToAward()
    {
        if (Preferred is null) throw AwardException.Precondition("The evaluation ranked no bid for this lot: there is nothing to award.");
    }

    private static void Require(string value, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"a {name}");
        else if (value.Length > MaxTextLength) problems.Add($"a shorter {name} (at most {MaxTextLength} characters)");
    }

    public static string Describe(Signatory signatory) => signatory switch
    {
        Signatory.FinanceOfficer => "finance officer",
        Signatory.ChiefExecutive => "chief executive",
        _ => "commissioner",
    };
}
