using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
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
    /// Locks the tender until the transaction ends, then reads its view (null if the bid service does not know it).
    /// Submissions take the lock shared, so they run side by side; the events that change the view (and opening, at
    /// TenderClosed) take it exclusively, so they wait for every submission already past its deadline check to commit,
    /// and every later submission reads the view they wrote. The lock is a PostgreSQL advisory lock keyed by the tender
    /// (<see cref="TenderLockKey"/>), not a row lock: many transactions sharing a row lock cost PostgreSQL a multixact
    /// each, and the lock also covers a tender whose view does not exist yet (the publication and an on-demand
    /// look-up cannot both insert it). Shared: the lock and the read go in one round trip, the read's snapshot taken
    /// after the lock is granted (each statement of a batch gets its own at READ COMMITTED). The row is not tracked.
    /// Exclusive: the row is read FOR UPDATE and tracked, for the event to change it.
    /// </summary>
    public static async Task<TenderViewRow?> LockTenderAsync(this BidDb db, Guid tenderId, bool exclusive, CancellationToken cancellationToken)
    {
        var (space, key) = TenderLockKey(tenderId);
        if (exclusive)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({space}, {key})", cancellationToken);
            return await db.Tenders.FromSql($"SELECT * FROM tender_view WHERE tender_id = {tenderId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A tender's lock is held until the transaction ends: begin one first.");
        await using var batch = new NpgsqlBatch((NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock_shared($1, $2)") { Parameters = { new() { Value = space }, new() { Value = key } } },
                new NpgsqlBatchCommand(
                    "SELECT tender_id, revision, submission_deadline, phase, lots, amendment_summary, opened_at, updated_at FROM tender_view WHERE tender_id = $1")
                    { Parameters = { new() { Value = tenderId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new TenderViewRow
        {
            TenderId = reader.GetGuid(0),
            Revision = reader.GetInt32(1),
            SubmissionDeadline = reader.GetFieldValue<DateTimeOffset>(2),
            Phase = Enum.Parse<TenderPhase>(reader.GetString(3)),
            Lots = reader.GetString(4),
            AmendmentSummary = reader.IsDBNull(5) ? null : reader.GetString(5),
            OpenedAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(7),
        };
    }

    /// <summary>
    /// The advisory lock of a tender: the two-integer form of pg_advisory_xact_lock (a lock space of its own, apart
    /// from the one-bigint keys of idempotent calls), space 0x7465_6e64 ("tend"), key a hash of the tender id. Two
    /// tenders that share a key only wait for each other's changes; nothing is wrong, just slower.
    /// </summary>
    internal static (int Space, int Key) TenderLockKey(Guid tenderId)
    {
        Span<int> parts = stackalloc int[4];
        tenderId.TryWriteBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(parts));
        return (0x7465_6e64, parts[0] ^ parts[1] ^ parts[2] ^ parts[3]);
    }

    /// <summary>
    /// A bid with its versions. <paramref name="currentVersionOnly"/>: with its current version only, for a change
    /// (which needs no more, and should not cost more as a bid's history grows).
    /// </summary>
    public static async Task<(BidRow Row, Bid Bid)?> LoadBidAsync(this BidDb db, Guid bidId, CancellationToken cancellationToken, bool currentVersionOnly = false)
    {
        var row = await db.Bids.FirstOrDefaultAsync(b => b.Id == bidId, cancellationToken);
        if (row is null) return null;
        // (Not one query with the row: EF Core writes "the latest version of each bid" as a window over every version.)
        var query = db.BidVersions.AsNoTracking().Where(v => v.BidId == bidId);
        if (currentVersionOnly) query = query.OrderByDescending(v => v.Version).Take(1);
        var versions = await query.ToListAsync(cancellationToken);
        return (row, row.ToDomain(versions));
    }

    /// <summary>Every bid of a tender (tracked), each with its current version only (what opening and the events need).</summary>
    public static async Task<List<(BidRow Row, Bid Bid)>> LoadBidsOfTenderAsync(this BidDb db, Guid tenderId, CancellationToken cancellationToken)
    {
        var rows = await db.Bids.Where(b => b.TenderId == tenderId).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        var versions = (await db.BidVersions.FromSql($"""
                SELECT DISTINCT ON (v.bid_id) v.* FROM bid_version v JOIN bid b ON b.id = v.bid_id
                WHERE b.tender_id = {tenderId} ORDER BY v.bid_id, v.version DESC
                """).AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(v => v.BidId);
        return [.. rows.Select(row => (row, row.ToDomain(versions[row.Id])))];
    }
}
