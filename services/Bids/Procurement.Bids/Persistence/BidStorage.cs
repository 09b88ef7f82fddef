using Microsoft.EntityFrameworkCore;
using Procurement.Bids.Domain;

namespace Procurement.Bids.Persistence;

/// <summary>Domain ↔ rows, and the loads that need more than a LINQ query (row locks, a bid with its versions).</summary>
internal static class BidStorage
{
    public static TenderView ToDomain(this TenderViewRow row) =>
        new(row.TenderId, row.Revision, row.SubmissionDeadline, row.Phase, BidJson.Read<List<LotView>>(row.Lots));

    public static TenderViewRow CopyFrom(this TenderViewRow row, TenderView view, DateTimeOffset now)
    {
        row.TenderId = view.TenderId;
        row.Revision = view.Revision;
        row.SubmissionDeadline = view.SubmissionDeadline;
        row.Phase = view.Phase;
        row.Lots = BidJson.Write(view.Lots);
        row.UpdatedAt = now;
        return row;
    }

    public static Bid ToDomain(this BidRow row, IEnumerable<BidVersionRow> versions) => Bid.Rehydrate(
        row.Id, row.TenderId, row.Supplier, row.Status, row.ConfirmedTenderRevision,
        versions.Select(v => new BidVersion(
            v.BidId, v.Version, row.TenderId, row.Supplier, v.ReceivedAt, BidJson.Read<List<LotOffer>>(v.Offers),
            new Declarations(v.AcceptsTerms, v.MeetsMandatoryRequirements, v.NoConflictsDeclared))),
        row.VoidLots);

    /// <summary>Writes the bid's state into its row, and returns the versions the row does not have yet.</summary>
    public static IEnumerable<BidVersionRow> CopyFrom(this BidRow row, Bid bid, int storedVersions, DateTimeOffset now)
    {
        if (storedVersions == 0) row.CreatedAt = now;
        row.Id = bid.Id;
        row.TenderId = bid.TenderId;
        row.Supplier = bid.Supplier;
        row.Status = bid.Status;
        row.ConfirmedTenderRevision = bid.ConfirmedTenderRevision;
        row.VoidLots = [.. bid.VoidLots.Order(StringComparer.Ordinal)];
        row.UpdatedAt = now;
        return bid.Versions.Skip(storedVersions).Select(v => new BidVersionRow
        {
            BidId = v.BidId,
            Version = v.Version,
            ReceivedAt = v.ReceivedAt,
            Offers = BidJson.Write(v.Offers),
            AcceptsTerms = v.Declarations.AcceptsTerms,
            MeetsMandatoryRequirements = v.Declarations.MeetsMandatoryRequirements,
            NoConflictsDeclared = v.Declarations.NoConflictsDeclared,
            DigestSha256 = BidDigest.Compute(v),
        });
    }

    /// <summary>
    /// The tender's view, row-locked until the transaction ends. Submissions take a shared lock, so
    /// they run side by side; opening takes an exclusive one, so it waits for every submission already
    /// past its deadline check to commit, and every later one finds the tender closed.
    /// </summary>
    public static async Task<TenderViewRow?> LockTenderAsync(this BidDb db, Guid tenderId, bool exclusive, CancellationToken cancellationToken)
    {
        var rows = exclusive
            ? await db.Tenders.FromSql($"SELECT * FROM tender_view WHERE tender_id = {tenderId} FOR UPDATE").ToListAsync(cancellationToken)
            : await db.Tenders.FromSql($"SELECT * FROM tender_view WHERE tender_id = {tenderId} FOR SHARE").ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    public static async Task<(BidRow Row, Bid Bid)?> LoadBidAsync(this BidDb db, Guid bidId, CancellationToken cancellationToken)
    {
        var row = await db.Bids.FirstOrDefaultAsync(b => b.Id == bidId, cancellationToken);
        if (row is null) return null;
        var versions = await db.BidVersions.AsNoTracking().Where(v => v.BidId == bidId).ToListAsync(cancellationToken);
        return (row, row.ToDomain(versions));
    }

    /// <summary>Every bid of a tender (tracked), with its versions.</summary>
    public static async Task<List<(BidRow Row, Bid Bid)>> LoadBidsOfTenderAsync(this BidDb db, Guid tenderId, CancellationToken cancellationToken)
    {
        var rows = await db.Bids.Where(b => b.TenderId == tenderId).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        var versions = (await db.BidVersions.AsNoTracking()
                .Where(v => db.Bids.Any(b => b.Id == v.BidId && b.TenderId == tenderId))
                .ToListAsync(cancellationToken))
            .ToLookup(v => v.BidId);
        return [.. rows.Select(row => (row, row.ToDomain(versions[row.Id])))];
    }
}
