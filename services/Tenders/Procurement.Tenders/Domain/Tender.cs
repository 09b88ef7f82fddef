namespace Procurement.Tenders.Domain;

/// <summary>
/// One procurement issued by a procuring entity for several commissioners, one or more lots each.
/// Holds the rules of its life: draft, publication, amendment before the deadline, closing at the
/// deadline, cancellation of the whole or of one lot. Pure: time comes in as an argument.
/// </summary>
public sealed class Tender
{
    private readonly List<TenderRevision> _revisions = [];
    private readonly Dictionary<string, LotState> _lots = new(StringComparer.Ordinal);

    private Tender(Guid id, string procuringEntity, TenderContent content, DateTimeOffset createdAt)
    {
        Id = id;
        ProcuringEntity = procuringEntity;
        Content = content;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public string ProcuringEntity { get; }
    public TenderContent Content { get; private set; }
    public TenderStatus Status { get; private set; } = TenderStatus.Draft;
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? CancellationReason { get; private set; }
    /// <summary>0 while a draft; the number of the latest published revision after.</summary>
    public int Revision => _revisions.Count;
    public IReadOnlyList<TenderRevision> Revisions => _revisions;
    public IReadOnlyDictionary<string, LotState> Lots => _lots;
    public DateTimeOffset SubmissionDeadline => Content.Timetable.SubmissionDeadline
        ?? throw new InvalidOperationException("A published tender always has a submission deadline.");

    public static Tender CreateDraft(Guid id, string procuringEntity, TenderContent content, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(procuringEntity))
            throw DomainException.Invalid([new Violation("procuring_entity", "is required")]);
        return new Tender(id, procuringEntity, content, now);
    }

    /// <summary>
    /// Rebuilds a tender from its stored state (persistence only): no rule is checked, since the
    /// state was produced by this class's own operations.
    /// </summary>
    public static Tender Rehydrate(
        Guid id, string procuringEntity, TenderContent content, TenderStatus status, DateTimeOffset createdAt,
        DateTimeOffset? publishedAt, DateTimeOffset? closedAt, string? cancellationReason,
        IEnumerable<TenderRevision> revisions, IEnumerable<KeyValuePair<string, LotState>> lots)
    {
        var tender = new Tender(id, procuringEntity, content, createdAt)
        {
            Status = status,
            PublishedAt = publishedAt,
            ClosedAt = closedAt,
            CancellationReason = cancellationReason,
        };
        tender._revisions.AddRange(revisions.OrderBy(r => r.Number));
        foreach (var (lotId, state) in lots) tender._lots[lotId] = state;
        return tender;
    }

    public void UpdateDraft(TenderContent content)
    {
        RequireStatus(TenderStatus.Draft, "change the draft", "amend it instead");
        Content = content;
    }

    public void Publish(string by, DateTimeOffset now)
    {
        RequireStatus(TenderStatus.Draft, "publish it", null);
        var violations = PublicationRules.Validate(Content, now);
        if (violations.Count > 0) throw DomainException.Invalid(violations);
        Status = TenderStatus.Published;
        PublishedAt = now;
        foreach (var lot in Content.Lots) _lots[lot.Id] = new LotState(LotStatus.Active, null);
        _revisions.Add(new TenderRevision(1, now, by, "Published", Content));
    }

    /// <summary>
    /// Changes a published tender before its deadline. Lots stay (cancel one to drop it) and keep
    /// their commissioner, so bids already made still refer to something; they need reconfirmation.
    /// </summary>
    public void Amend(TenderContent content, string summary, string by, DateTimeOffset now)
    {
        RequireStatus(TenderStatus.Published, "amend it", null);
        if (now >= SubmissionDeadline)
            throw DomainException.Precondition($"The submission deadline passed at {SubmissionDeadline:u}; the tender can no longer be amended.");
        var violations = new List<Violation>(PublicationRules.Validate(content, now));
        if (string.IsNullOrWhiteSpace(summary))
            violations.Add(new Violation("summary", "say what changed; suppliers are shown it"));
        var amended = content.Lots.ToDictionary(l => l.Id, StringComparer.Ordinal);
        foreach (var lot in Content.Lots)
        {
            if (!amended.TryGetValue(lot.Id, out var amendedLot))
                violations.Add(new Violation("lots", $"lot '{lot.Id}' cannot be removed by an amendment; cancel the lot instead"));
            else if (amendedLot.Commissioner != lot.Commissioner)
                violations.Add(new Violation("lots", $"lot '{lot.Id}' belongs to '{lot.Commissioner}' and cannot move to '{amendedLot.Commissioner}'"));
        }
        if (violations.Count > 0) throw DomainException.Invalid(violations);

        Content = content;
        foreach (var lot in content.Lots) _lots.TryAdd(lot.Id, new LotState(LotStatus.Active, null));
        _revisions.Add(new TenderRevision(Revision + 1, now, by, summary, content));
    }

    /// <summary>Whether <see cref="Close"/> is due: published, and the submission deadline has come.</summary>
    public bool IsDueToClose(DateTimeOffset now) => Status == TenderStatus.Published && now >= SubmissionDeadline;

    /// <summary>Closes at the submission deadline; returns the lots whose bids are to be opened.</summary>
    public IReadOnlyList<string> Close(DateTimeOffset now)
    {
        RequireStatus(TenderStatus.Published, "close it", null);
        if (now < SubmissionDeadline)
            throw DomainException.Precondition($"The tender closes at its submission deadline, {SubmissionDeadline:u}, not before.");
        Status = TenderStatus.Closed;
        ClosedAt = now;
        return ActiveLotIds();
    }

    public void Cancel(string reason)
    {
        if (Status is TenderStatus.Cancelled or TenderStatus.Complete)
            throw DomainException.Precondition($"The tender is already {Status.ToString().ToLowerInvariant()}.");
        RequireReason(reason);
        Status = TenderStatus.Cancelled;
        CancellationReason = reason;
        foreach (var id in ActiveLotIds()) _lots[id] = new LotState(LotStatus.Cancelled, reason);
    }

    /// <summary>Cancels one lot; the others go on. Cancelling the last active lot ends the tender.</summary>
    public void CancelLot(string lotId, string reason)
    {
        if (Status is not (TenderStatus.Published or TenderStatus.Closed))
            throw DomainException.Precondition($"Lots of a {Status.ToString().ToLowerInvariant()} tender cannot be cancelled.");
        if (!_lots.TryGetValue(lotId, out var lot))
            throw new DomainException(RefusalKind.NotFound, $"The tender has no lot '{lotId}'.");
        if (lot.Status != LotStatus.Active)
            throw DomainException.Precondition($"Lot '{lotId}' is already {lot.Status.ToString().ToLowerInvariant()}.");
        RequireReason(reason);
        _lots[lotId] = new LotState(LotStatus.Cancelled, reason);
        if (ActiveLotIds().Count == 0) EndIfSettled(allCancelledReason: "Every lot was cancelled.");
    }

    /// <summary>The lot's contract was entered; when every lot is awarded or cancelled the tender is complete.</summary>
    public void MarkLotAwarded(string lotId)
    {
        RequireStatus(TenderStatus.Closed, "award a lot", null);
        if (!_lots.TryGetValue(lotId, out var lot))
            throw new DomainException(RefusalKind.NotFound, $"The tender has no lot '{lotId}'.");
        if (lot.Status != LotStatus.Active)
            throw DomainException.Precondition($"Lot '{lotId}' is {lot.Status.ToString().ToLowerInvariant()} and cannot be awarded.");
        _lots[lotId] = new LotState(LotStatus.Awarded, null);
        EndIfSettled(allCancelledReason: null);
    }

    public LotDefinition Lot(string lotId) =>
        Content.Lots.FirstOrDefault(l => l.Id == lotId) ?? throw new DomainException(RefusalKind.NotFound, $"The tender has no lot '{lotId}'.");

    private List<string> ActiveLotIds() => _lots.Where(l => l.Value.Status == LotStatus.Active).Select(l => l.Key).ToList();

    private void EndIfSettled(string? allCancelledReason)
    {
        if (ActiveLotIds().Count > 0) return;
        if (_lots.Values.All(l => l.Status == LotStatus.Cancelled))
        {
            Status = TenderStatus.Cancelled;
            CancellationReason = allCancelledReason;
        }
        else
        {
            Status = TenderStatus.Complete;
        }
    }

    private void RequireStatus(TenderStatus required, string action, string? instead)
    {
        if (Status == required) return;
        var hint = instead is null ? "" : $"; {instead}";
        throw DomainException.Precondition($"The tender is {Status.ToString().ToLowerInvariant()}, so you cannot {action}{hint}.");
    }

    private static void RequireReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
            throw DomainException.Invalid([new Violation("reason", "give the reason for the cancellation; it is published")]);
    }
}
