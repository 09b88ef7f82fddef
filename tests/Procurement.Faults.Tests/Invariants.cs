using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Procurement.Contracts.Events;

namespace Procurement.Faults.Tests;

/// <summary>What the services' own databases (and the broker's queues) say after a case, against what the clients were told.</summary>
public sealed record InvariantReport
{
    /// <summary>Submissions (one per supplier and tender).</summary>
    public int Submissions { get; init; }
    /// <summary>Submissions that got a receipt.</summary>
    public int Acknowledged { get; init; }
    /// <summary>Receipts whose bid is stored exactly once (one live bid of that supplier for that tender, one version), with the receipt's version and digest.</summary>
    public int Stored { get; init; }
    /// <summary>
    /// Receipts a retry got for a change committed before that retry began (the answer of the first attempt was lost):
    /// the idempotency key at work. Read from the commit timestamp of the key's row in the bid service's database.
    /// </summary>
    public int Replayed { get; init; }
    /// <summary>Receipts whose bid was opened exactly once for each lot, at the receipt's version and digest (bid service).</summary>
    public int OpenedOnce { get; init; }
    /// <summary>Receipts whose bid is in its lot's evaluation exactly once, for each lot (moderation service).</summary>
    public int ReachedModerationOnce { get; init; }
    /// <summary>TenderClosed (at the bid service) and BidsOpened (at the moderation service) events with exactly one inbox row at their consumer.</summary>
    public int EventsAppliedOnce { get; init; }
    public int Events { get; init; }
    public int Evaluations { get; init; }
    public int ExpectedEvaluations { get; init; }
    /// <summary>Outbox rows not yet published, in all four databases.</summary>
    public int OutboxPending { get; init; }
    /// <summary>Effects found more than once: bids per supplier, versions, opened offers, evaluations, bids in an evaluation, TenderClosed and BidsOpened events.</summary>
    public int Duplicates { get; init; }
    /// <summary>Messages in the broker's _error and _skipped queues (events a consumer gave up on).</summary>
    public long DeadLettered { get; init; }
    public IReadOnlyList<string> Violations { get; init; } = [];
}

/// <summary>The checks, read with Npgsql from each service's database (the tables of each service's Persistence folder).</summary>
public static class Invariants
{
    public static async Task<InvariantReport> CheckAsync(Suite suite, IReadOnlyList<string> tenderIds, Burst burst)
    {
        var tenders = tenderIds.Select(Guid.Parse).ToArray();
        var violations = new List<string>();
        var receipts = burst.Submissions.Where(s => s.Receipt is not null).Select(s => s.Receipt!).ToList();
        foreach (var s in burst.Submissions.Where(s => s.Receipt is null))
            violations.Add($"{s.Organisation} got no receipt ({s.GaveUp ?? "no answer"}; failures: {string.Join(",", s.Failures)})");
        var duplicates = 0;

        // --- the bid service: bids and versions
        var stored = new List<(Guid Bid, Guid Tender, string Supplier, string Status, int? Version, string? Digest)>();
        await using (var bids = new NpgsqlConnection(suite.ConnectionStringFor("bids")))
        {
            await bids.OpenAsync();
            await using (var command = Query(bids, """
                SELECT b.id, b.tender_id, b.supplier, b.status, v.version, v.digest_sha256
                FROM bid b LEFT JOIN bid_version v ON v.bid_id = b.id WHERE b.tender_id = ANY(@tenders)
                """, tenders))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    stored.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5)));

            var committed = new Dictionary<string, DateTimeOffset>();
            await using (var command = new NpgsqlCommand(
                "SELECT key, pg_xact_commit_timestamp(xmin) FROM idempotent_request WHERE key = ANY(@keys) AND method LIKE '%/SubmitBid'", bids))
            {
                command.Parameters.AddWithValue("keys", burst.Submissions.Select(s => s.IdempotencyKey).ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    if (!reader.IsDBNull(1)) committed[reader.GetString(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
            var replayed = burst.Submissions.Count(s => s.Receipt is not null && committed.TryGetValue(s.IdempotencyKey, out var at) && at < s.LastAttemptAt);

            var opened = new List<(Guid Tender, string Lot, Guid Bid, int Version, string Digest)>();
            await using (var command = Query(bids, "SELECT tender_id, lot_id, bid_id, bid_version, digest_sha256 FROM opened_offer WHERE tender_id = ANY(@tenders)", tenders))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    opened.Add((reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetString(4)));

            var openedLots = await CountAsync(bids, "SELECT count(*) FROM opened_lot WHERE tender_id = ANY(@tenders)", tenders);
            if (openedLots != tenders.Length * Workload.Lots.Length)
                violations.Add($"bid service: {openedLots} lots opened, expected {tenders.Length * Workload.Lots.Length}");

            var bidsOpened = await EventsPerKeyAsync(bids, typeof(BidsOpened), "(payload->>'tenderId') || '/' || (payload->>'lotId')", tenders);
            duplicates += bidsOpened.Values.Sum(n => Math.Max(0, n - 1));
            if (bidsOpened.Count != tenders.Length * Workload.Lots.Length || bidsOpened.Values.Any(n => n != 1))
                violations.Add($"bid service: BidsOpened per lot {Describe(bidsOpened)}, expected exactly one for each of {tenders.Length * Workload.Lots.Length} lots");

            // Exactly once, with the receipt's version and digest.
            var storedOnce = 0;
            foreach (var receipt in receipts)
            {
                var rows = stored.Where(r => r.Tender == Guid.Parse(receipt.TenderId) && r.Supplier == receipt.Supplier && r.Status != "Withdrawn").ToList();
                if (rows.Count == 1 && rows[0].Bid == Guid.Parse(receipt.BidId) && rows[0].Version == receipt.Version && rows[0].Digest == receipt.DigestSha256)
                    storedOnce++;
                else
                    violations.Add($"bid of {receipt.Supplier} ({receipt.BidId} v{receipt.Version}): stored as [{string.Join("; ", rows.Select(r => $"{r.Bid} v{r.Version} {r.Digest?[..8]}"))}]");
            }
            duplicates += stored.GroupBy(r => (r.Tender, r.Supplier)).Sum(g => Math.Max(0, g.Count() - 1));
            var unacknowledged = stored.Where(r => receipts.All(x => Guid.Parse(x.BidId) != r.Bid)).ToList();
            if (unacknowledged.Count > 0)
                violations.Add($"bid service: {unacknowledged.Count} stored bids that no client has a receipt for ({string.Join(", ", unacknowledged.Take(5).Select(r => r.Supplier))})");

            var openedOnce = 0;
            foreach (var receipt in receipts)
            {
                var ok = Workload.Lots.All(lot =>
                    opened.Count(o => o.Bid == Guid.Parse(receipt.BidId) && o.Lot == lot) == 1 &&
                    opened.Single(o => o.Bid == Guid.Parse(receipt.BidId) && o.Lot == lot) is var o1 && o1.Version == receipt.Version && o1.Digest == receipt.DigestSha256);
                if (ok) openedOnce++;
            }
            var extraOpened = opened.Where(o => receipts.All(r => Guid.Parse(r.BidId) != o.Bid)).Count();
            if (extraOpened > 0) violations.Add($"bid service: {extraOpened} opened offers of bids no client has a receipt for");
            if (openedOnce != receipts.Count) violations.Add($"bid service: {openedOnce} of {receipts.Count} acknowledged bids opened exactly once in each lot with their receipt's version and digest");

            // --- the moderation service: one evaluation per lot, each opened bid in it once
            var evaluations = new List<(Guid Tender, string Lot, List<Guid> Bids)>();
            await using (var moderation = new NpgsqlConnection(suite.ConnectionStringFor("moderation")))
            {
                await moderation.OpenAsync();
                await using var command = Query(moderation, "SELECT tender_id, lot_id, bids::text FROM evaluation WHERE tender_id = ANY(@tenders)", tenders);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    using var json = JsonDocument.Parse(reader.GetString(2));
                    evaluations.Add((reader.GetGuid(0), reader.GetString(1),
                        [.. json.RootElement.EnumerateArray().Select(b => b.GetProperty("bidId").GetGuid())]));
                }
            }
            var perLot = evaluations.GroupBy(e => (e.Tender, e.Lot)).ToList();
            duplicates += perLot.Sum(g => g.Count() - 1);
            duplicates += evaluations.Sum(e => e.Bids.Count - e.Bids.Distinct().Count());
            if (perLot.Count != tenders.Length * Workload.Lots.Length || perLot.Any(g => g.Count() != 1))
                violations.Add($"moderation service: {evaluations.Count} evaluations for {perLot.Count} lots, expected one for each of {tenders.Length * Workload.Lots.Length} lots");
            var reached = receipts.Count(r => Workload.Lots.All(lot =>
                evaluations.Where(e => e.Tender == Guid.Parse(r.TenderId) && e.Lot == lot).Sum(e => e.Bids.Count(b => b == Guid.Parse(r.BidId))) == 1));
            if (reached != receipts.Count) violations.Add($"moderation service: {reached} of {receipts.Count} acknowledged bids in their lots' evaluations exactly once");
            var strangers = evaluations.Sum(e => e.Bids.Count(b => receipts.All(r => Guid.Parse(r.BidId) != b)));
            if (strangers > 0) violations.Add($"moderation service: {strangers} bids in evaluations that no client has a receipt for");

            // --- the tender service: one TenderClosed per tender
            await using var tenderDb = new NpgsqlConnection(suite.ConnectionStringFor("tenders"));
            await tenderDb.OpenAsync();
            var closed = await EventsPerKeyAsync(tenderDb, typeof(TenderClosed), "payload->>'tenderId'", tenders);
            duplicates += closed.Values.Sum(n => Math.Max(0, n - 1));
            if (closed.Count != tenders.Length || closed.Values.Any(n => n != 1))
                violations.Add($"tender service: TenderClosed per tender {Describe(closed)}, expected exactly one for each of {tenders.Length}");

            // --- each event applied once at its consumer: its inbox row there (the message id is the outbox row's id)
            var closedIds = await EventIdsAsync(tenderDb, typeof(TenderClosed), tenders);
            var openedIds = await EventIdsAsync(bids, typeof(BidsOpened), tenders);
            var appliedClosed = await InboxRowsAsync(bids, closedIds, "TenderClosedConsumer");
            int appliedOpened;
            await using (var moderation = new NpgsqlConnection(suite.ConnectionStringFor("moderation")))
            {
                await moderation.OpenAsync();
                appliedOpened = await InboxRowsAsync(moderation, openedIds, "BidsOpenedConsumer");
            }
            var events = closedIds.Length + openedIds.Length;
            if (appliedClosed + appliedOpened != events)
                violations.Add($"events applied: TenderClosed {appliedClosed} of {closedIds.Length} at the bid service, BidsOpened {appliedOpened} of {openedIds.Length} at the moderation service");

            // --- every outbox drained
            var pending = 0;
            foreach (var database in Suite.DatabaseNames)
            {
                await using var connection = new NpgsqlConnection(suite.ConnectionStringFor(database));
                await connection.OpenAsync();
                var n = await CountAsync(connection, "SELECT count(*) FROM outbox_message WHERE published_at IS NULL", tenders);
                if (n > 0) violations.Add($"{database}: {n} outbox rows not published");
                pending += n;
            }

            // --- no event given up on (a consumer's exhausted retries move it to <queue>_error)
            var queues = await suite.RabbitMq.QueuesAsync();
            var deadLettered = queues.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.Value);
            if (deadLettered > 0)
                violations.Add($"broker: {deadLettered} messages in error/skipped queues ({string.Join(", ", queues.Where(q => q.Value > 0 && (q.Key.EndsWith("_error", StringComparison.Ordinal) || q.Key.EndsWith("_skipped", StringComparison.Ordinal))).Select(q => $"{q.Key} {q.Value}"))})");

            if (burst.Statuses.NotRetryable > 0) violations.Add($"clients saw statuses they cannot retry safely: {burst.Statuses}");
            if (duplicates > 0) violations.Add($"{duplicates} duplicated effects");

            return new InvariantReport
            {
                Submissions = burst.Submissions.Count,
                Acknowledged = receipts.Count,
                Stored = storedOnce,
                Replayed = replayed,
                OpenedOnce = openedOnce,
                ReachedModerationOnce = reached,
                EventsAppliedOnce = appliedClosed + appliedOpened,
                Events = events,
                Evaluations = evaluations.Count,
                ExpectedEvaluations = tenders.Length * Workload.Lots.Length,
                OutboxPending = pending,
                Duplicates = duplicates,
                DeadLettered = deadLettered,
                Violations = violations,
            };
        }
    }

    /// <summary>Checks until nothing is violated or <paramref name="bound"/> has passed (events still on their way), and returns the last report.</summary>
    public static async Task<InvariantReport> SettleAsync(Suite suite, IReadOnlyList<string> tenderIds, Burst burst, TimeSpan bound)
    {
        InvariantReport? report = null;
        try
        {
            await Eventually.True(async () =>
            {
                try
                {
                    report = await CheckAsync(suite, tenderIds, burst);
                }
                catch (NpgsqlException)
                {
                    return false;   // the database is still coming back
                }
                return report.Violations.Count == 0;
            }, "the invariants hold", bound);
        }
        catch (TimeoutException)
        {
            // The last report says what is still wrong.
        }
        return report ?? await CheckAsync(suite, tenderIds, burst);
    }

    private static NpgsqlCommand Query(NpgsqlConnection connection, string sql, Guid[] tenders)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("tenders", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = tenders });
        return command;
    }

    private static async Task<int> CountAsync(NpgsqlConnection connection, string sql, Guid[] tenders)
    {
        await using var command = Query(connection, sql, tenders);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many outbox rows of this event type each key (an expression over the payload) has, for these tenders.</summary>
    private static async Task<Dictionary<string, int>> EventsPerKeyAsync(NpgsqlConnection connection, Type eventType, string key, Guid[] tenders)
    {
        await using var command = Query(connection, $"""
            SELECT {key}, count(*)::int FROM outbox_message
            WHERE message_type = @type AND (payload->>'tenderId')::uuid = ANY(@tenders) GROUP BY 1
            """, tenders);
        command.Parameters.AddWithValue("type", eventType.FullName!);
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    private static async Task<Guid[]> EventIdsAsync(NpgsqlConnection connection, Type eventType, Guid[] tenders)
    {
        await using var command = Query(connection, "SELECT id FROM outbox_message WHERE message_type = @type AND (payload->>'tenderId')::uuid = ANY(@tenders)", tenders);
        command.Parameters.AddWithValue("type", eventType.FullName!);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return [.. ids];
    }

    /// <summary>How many of these messages the consumer has exactly one inbox row for (the key allows no more than one).</summary>
    private static async Task<int> InboxRowsAsync(NpgsqlConnection connection, Guid[] messageIds, string consumer)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM (SELECT message_id FROM inbox_message
            WHERE message_id = ANY(@ids) AND consumer_name LIKE '%.' || @consumer GROUP BY message_id HAVING count(*) = 1) once
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = messageIds });
        command.Parameters.AddWithValue("consumer", consumer);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private static string Describe(Dictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Value}"));
}
