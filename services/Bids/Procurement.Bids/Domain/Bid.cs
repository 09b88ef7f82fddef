namespace Procurement.Bids.Domain;

public enum BidStatus
{
    Submitted,
    /// <summary>The tender was amended after this bid; the supplier must reconfirm it.</summary>
    NeedsReconfirmation,
    Withdrawn,
    Opened,
}

public sealed record Receipt(Guid BidId, int Version, Guid TenderId, string Supplier, DateTimeOffset ReceivedAt, string DigestSha256);

/// <summary>One lot's offer as opened: with the digest of the version it came from, and its compliance.</summary>
public sealed record OpenedOffer(Guid BidId, int BidVersion, string Supplier, LotOffer Offer, string DigestSha256, ComplianceAssessment Compliance);

/// <summary>
/// A supplier's sealed bid for one or more lots of a tender. Every submission and revision is a new
/// version with its own digest; nothing is overwritten, so what was opened can be proved.
/// </summary>
public sealed class Bid
{
    private readonly List<BidVersion> _versions = [];
    private readonly HashSet<string> _voidLots = new(StringComparer.Ordinal);

    private Bid(Guid id, Guid tenderId, string supplier)
    {
        Id = id;
        TenderId = tenderId;
        Supplier = supplier;
    }

    public Guid Id { get; }
    public Guid TenderId { get; }
    public string Supplier { get; }
    public BidStatus Status { get; private set; }
    /// <summary>The tender revision the supplier last submitted against or reconfirmed.</summary>
    public int ConfirmedTenderRevision { get; private set; }
    public IReadOnlyList<BidVersion> Versions => _versions;
    public BidVersion Current => _versions[^1];
    /// <summary>Lots whose offers were voided because the lot was cancelled.</summary>
    public IReadOnlySet<string> VoidLots => _voidLots;

    /// <summary>Every lot the bid offers for was cancelled: nothing of it will be opened.</summary>
    public bool IsVoid => Current.Offers.All(o => _voidLots.Contains(o.LotId));

    /// <summary>
    /// Rebuilds a bid from its stored state (persistence only): no rule is checked, since the state
    /// was produced by this class's own operations. <paramref name="versions"/> holds at least the current version;
    /// a change needs no more (<see cref="Versions"/> is then that part of the history).
    /// </summary>
    public static Bid Rehydrate(
        Guid id, Guid tenderId, string supplier, BidStatus status, int confirmedTenderRevision,
        IEnumerable<BidVersion> versions, IEnumerable<string> voidLots)
    {
        var bid = new Bid(id, tenderId, supplier) { Status = status, ConfirmedTenderRevision = confirmedTenderRevision };
        bid._versions.AddRange(versions.OrderBy(v => v.Version));
        if (bid._versions.Count == 0) throw new InvalidOperationException($"Stored bid {id} has no version.");
        bid._voidLots.UnionWith(voidLots);
        return bid;
    }

    public static (Bid Bid, Receipt Receipt) Submit(
        Guid id, TenderView tender, string supplier, IReadOnlyList<LotOffer> offers, Declarations declarations, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(supplier))
            throw new BidException(BidRefusal.InvalidArgument, "The supplier's organisation is required.");
        RequireOpen(tender, now);
        ValidateOffers(tender, offers);
        var bid = new Bid(id, tender.TenderId, supplier);
        return (bid, bid.AddVersion(tender, offers, declarations, now));
    }

    public Receipt Revise(int expectedVersion, TenderView tender, IReadOnlyList<LotOffer> offers, Declarations declarations, DateTimeOffset now)
    {
        RequireLive("revise");
        RequireOpen(tender, now);
        if (expectedVersion != Current.Version)
            throw new BidException(BidRefusal.Conflict,
                $"The bid is at version {Current.Version}, not {expectedVersion}: read it again before revising.");
        ValidateOffers(tender, offers);
        return AddVersion(tender, offers, declarations, now);
    }

    /// <summary>The supplier has read the amended tender and stands by its bid as it is.</summary>
    public Receipt Reconfirm(int tenderRevision, TenderView tender, DateTimeOffset now)
    {
        RequireLive("reconfirm");
        RequireOpen(tender, now);
        if (tenderRevision != tender.Revision)
            throw new BidException(BidRefusal.Conflict,
                $"The tender is at revision {tender.Revision}, not {tenderRevision}: read the latest revision before reconfirming.");
        ConfirmedTenderRevision = tender.Revision;
        Status = BidStatus.Submitted;
        return ReceiptFor(Current);
    }

    public void Withdraw(TenderView tender, DateTimeOffset now)
    {
        RequireLive("withdraw");
        RequireOpen(tender, now);
        Status = BidStatus.Withdrawn;
    }

    /// <summary>The tender changed after this bid: it must be reconfirmed (or revised) before the deadline.</summary>
    public void TenderAmended(int revision)
    {
        if (Status == BidStatus.Submitted && revision > ConfirmedTenderRevision)
            Status = BidStatus.NeedsReconfirmation;
    }

    public void LotCancelled(string lotId) => _voidLots.Add(lotId);

    /// <summary>
    /// Opens the bid at the deadline: one offer per lot still active, each assessed for completeness.
    /// A withdrawn bid opens nothing. A bid not reconfirmed after an amendment is opened, non-compliant.
    /// </summary>
    public IReadOnlyList<OpenedOffer> Open(TenderView tender)
    {
        if (Status == BidStatus.Withdrawn) return [];
        if (Status == BidStatus.Opened)
            throw new BidException(BidRefusal.FailedPrecondition, "The bid has already been opened.");
        var awaitingReconfirmation = Status == BidStatus.NeedsReconfirmation;
        Status = BidStatus.Opened;
        var version = Current;
        var digest = BidDigest.Compute(version);
        var opened = new List<OpenedOffer>();
        foreach (var offer in version.Offers)
        {
            var lot = tender.Lot(offer.LotId);
            if (lot is null || lot.Cancelled || _voidLots.Contains(offer.LotId)) continue;
            var requirements = new LotRequirements(lot.LotId, lot.ResponseCriterionIds);
            opened.Add(new OpenedOffer(Id, version.Version, Supplier, offer, digest,
                OpeningRules.Assess(offer, version.Declarations, requirements, awaitingReconfirmation)));
        }
        return opened;
    }

    /// <summary>Whether a receipt matches a version this bid holds (same version number and digest).</summary>
    public bool Matches(Receipt receipt) =>
        receipt.BidId == Id && _versions.Any(v => v.Version == receipt.Version && BidDigest.Compute(v) == receipt.DigestSha256);

    private Receipt AddVersion(TenderView tender, IReadOnlyList<LotOffer> offers, Declarations declarations, DateTimeOffset now)
    {
        var version = new BidVersion(Id, _versions.Count == 0 ? 1 : Current.Version + 1, TenderId, Supplier, now, offers, declarations);
        _versions.Add(version);
        Status = BidStatus.Submitted;
        ConfirmedTenderRevision = tender.Revision;
        return ReceiptFor(version);
    }

    private Receipt ReceiptFor(BidVersion version) =>
        new(Id, version.Version, TenderId, Supplier, version.ReceivedAt, BidDigest.Compute(version));

    private void RequireLive(string action)
    {
        if (Status is BidStatus.Withdrawn or BidStatus.Opened)
            throw new BidException(BidRefusal.FailedPrecondition, $"The bid is {Status.ToString().ToLowerInvariant()}; you cannot {action} it.");
    }

    private static void RequireOpen(TenderView tender, DateTimeOffset now)
    {
        if (tender.Phase == TenderPhase.Cancelled)
            throw new BidException(BidRefusal.FailedPrecondition, "The tender was cancelled; it takes no bids.");
        if (tender.Phase == TenderPhase.Closed || !SubmissionWindow.IsOpen(now, tender.SubmissionDeadline))
            throw new BidException(BidRefusal.FailedPrecondition, SubmissionWindow.LateMessage(now, tender.SubmissionDeadline));
    }

    private static void ValidateOffers(TenderView tender, IReadOnlyList<LotOffer> offers)
    {
        if (offers.Count == 0)
            throw new BidException(BidRefusal.InvalidArgument, "A bid needs an offer for at least one lot.");
        var problems = new List<string>();
        foreach (var duplicate in offers.GroupBy(o => o.LotId).Where(g => g.Count() > 1))
            problems.Add($"lot '{duplicate.Key}' has more than one offer");
        foreach (var offer in offers)
        {
            var lot = tender.Lot(offer.LotId);
            if (lot is null) problems.Add($"the tender has no lot '{offer.LotId}'");
            else if (lot.Cancelled) problems.Add($"lot '{offer.LotId}' was cancelled");
            if (offer.AnnualPrice.MinorUnits <= 0) problems.Add($"the annual price for lot '{offer.LotId}' must be more than zero");
        }
        if (problems.Count > 0)
            throw new BidException(BidRefusal.InvalidArgument, "The bid cannot be accepted: " + string.Join("; ", problems) + ".");
    }
}
