using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Procurement.Contracts.Events;

namespace Procurement.Faults.Tests;

public enum Fault
{
    /// <summary>No fault: the baseline, and the checks' own check.</summary>
    None,
    KillTenders,
    KillBids,
    KillModeration,
    KillAwards,
    KillGateway,
    /// <summary>rabbitmqctl stop_app, later start_app: the broker refuses connections, the node stays.</summary>
    RabbitMqStopped,
    /// <summary>kill -9 of the broker's Erlang VM, later started again on the same data.</summary>
    RabbitMqKilled,
    /// <summary>pg_ctl restart -m fast: every connection of every service is cut.</summary>
    PostgresRestarted,
}

public enum Phase
{
    /// <summary>While suppliers are submitting: a quarter of the submissions have their receipts and a wave's calls are in flight.</summary>
    DuringSubmissions,
    /// <summary>After the deadline passed: while TenderClosed, the openings and BidsOpened are being published and consumed.</summary>
    DuringConsumption,
}

/// <summary>What one case did and found.</summary>
public sealed record CaseResult(Fault Fault, Phase Phase, int Tenders, int Suppliers, InvariantReport Report, StatusTally Statuses,
    int RecoveredSuppliers, TimeSpan BurstTime, TimeSpan Total, string FaultAt, int AcknowledgedAtFault)
{
    /// <summary>The case's tenders and burst, for checking again.</summary>
    public IReadOnlyList<string> TenderIds { get; init; } = [];
    public Burst? Burst { get; init; }

    /// <summary>When a case fails: the broker's queues, the outboxes and the processes' last warnings (<see cref="Suite.DiagnoseAsync"/>).</summary>
    public string Diagnosis { get; init; } = "";

    public bool Passed => Report.Violations.Count == 0;
}

/// <summary>
/// One case: fresh tenders published through the gateway, a burst of suppliers submitting, the clock moved past the
/// deadline (the tenders close, the bids open, the evaluations begin), the fault injected in its phase and recovered
/// from, then the invariants read from the services' databases.
/// </summary>
public static class FaultCase
{
    public static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(60);

    public static async Task<CaseResult> RunAsync(Suite suite, Fault fault, Phase phase, int tenderCount, int suppliers, TimeSpan arrivals)
    {
        CaseResult result;
        try
        {
            result = await RunCoreAsync(suite, fault, phase, tenderCount, suppliers, arrivals);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await suite.DiagnoseAsync()}", e);
        }
        return result.Passed ? result : result with { Diagnosis = await suite.DiagnoseAsync() };
    }

    private static async Task<CaseResult> RunCoreAsync(Suite suite, Fault fault, Phase phase, int tenderCount, int suppliers, TimeSpan arrivals)
    {
        var total = Stopwatch.StartNew();
        var name = $"{Short(fault)}-{(phase == Phase.DuringSubmissions ? "sub" : "con")}-{Guid.NewGuid().ToString("N")[..6]}";
        var statuses = new StatusTally();

        // 1. Tenders whose deadline is an hour (of business time) ahead of every service's clock. Not more: the services
        //    forget idempotency keys older than a day of business time, and the checks read the keys' rows.
        var now = await suite.LatestClockAsync(statuses);
        var deadline = now.AddHours(1);
        var tenderIds = new List<string>();
        for (var t = 0; t < tenderCount; t++)
            tenderIds.Add((await suite.PublishTenderAsync($"7F-FAULT-{name}-{t}", now, deadline, statuses)).Id);
        await BidServiceKnowsAsync(suite, tenderIds);

        // 2. The burst; in its phase, the fault once a quarter of the suppliers have their receipts.
        var burst = new Burst(name, tenderIds, suppliers, arrivals);
        var submissions = burst.Submissions.Count;
        var running = burst.RunAsync(suite.Gateway);
        var faultAt = "";
        var acknowledgedAtFault = -1;
        if (phase == Phase.DuringSubmissions)
        {
            // A quarter acknowledged, and a wave's calls in flight (some may be committed and not yet answered when it lands).
            var wave = Math.Max(1, suppliers / Burst.Waves);
            await Eventually.True(() => (burst.Acknowledged >= submissions / 4 && burst.InFlight >= Math.Min(4, wave)) || running.IsCompleted,
                "a quarter of the burst acknowledged, with calls in flight", Retry.Bound);
            acknowledgedAtFault = burst.Acknowledged;
            faultAt = $"{acknowledgedAtFault}/{submissions} receipts, {burst.InFlight} in flight";
            await InjectAndRecoverAsync(suite, fault, phase, tenderIds, burst);
        }
        await running;
        await suite.WaitServingAsync("after the burst");

        // 3. Past the deadline: the tender service closes them, the bid service opens them, the moderation service evaluates.
        await suite.MoveClocksToAsync(deadline.AddMinutes(1), burst.Statuses);
        if (phase == Phase.DuringConsumption)
        {
            faultAt = await ConsumptionTriggerAsync(suite, fault, tenderIds);
            await InjectAndRecoverAsync(suite, fault, phase, tenderIds, burst);
        }

        // 4. The invariants, once what is on its way has arrived (bounded).
        var report = await Invariants.SettleAsync(suite, tenderIds, burst, SettleBound);
        foreach (var (code, count) in burst.Statuses.Counts)
            for (var i = 0; i < count; i++) statuses.Add(code);
        return new CaseResult(fault, phase, tenderCount, suppliers, report, statuses,
            burst.Submissions.Count(s => s.Receipt is not null && s.Failures.Count > 0), burst.Elapsed, total.Elapsed, faultAt, acknowledgedAtFault)
        {
            TenderIds = tenderIds,
            Burst = burst,
        };
    }

    private static string Short(Fault fault) => fault.ToString().ToLowerInvariant()[..Math.Min(12, fault.ToString().Length)];

    /// <summary>
    /// The moment of a fault during consumption: for the bid service and the database, the first TenderClosed on its
    /// way (published, not yet all applied); for the moderation service, the first BidsOpened written; for the broker,
    /// the first TenderClosed written; for the rest, at once.
    /// </summary>
    private static async Task<string> ConsumptionTriggerAsync(Suite suite, Fault fault, IReadOnlyList<string> tenderIds)
    {
        var tenders = tenderIds.Select(Guid.Parse).ToArray();
        (string Database, Type Event, bool Published)? trigger = fault switch
        {
            Fault.KillBids or Fault.PostgresRestarted => ("tenders", typeof(TenderClosed), true),
            Fault.KillModeration => ("bids", typeof(BidsOpened), false),
            Fault.RabbitMqStopped or Fault.RabbitMqKilled => ("tenders", typeof(TenderClosed), false),
            _ => null,
        };
        if (trigger is not { } t) return "clock moved";
        var seen = 0;
        await Eventually.True(async () =>
        {
            await using var connection = new NpgsqlConnection(suite.ConnectionStringFor(t.Database));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SELECT count(*)::int FROM outbox_message WHERE message_type = @type AND (payload->>'tenderId')::uuid = ANY(@tenders)
                {(t.Published ? "AND published_at IS NOT NULL" : "")}
                """, connection);
            command.Parameters.AddWithValue("type", t.Event.FullName!);
            command.Parameters.Add(new NpgsqlParameter("tenders", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = tenders });
            seen = (int)(await command.ExecuteScalarAsync())!;
            return seen > 0;
        }, $"the first {t.Event.Name} {(t.Published ? "published" : "written")}", Suite.StartBound);
        return $"{seen} {t.Event.Name} {(t.Published ? "published" : "written")}";
    }

    private static async Task InjectAndRecoverAsync(Suite suite, Fault fault, Phase phase, IReadOnlyList<string> tenderIds, Burst burst)
    {
        switch (fault)
        {
            case Fault.None:
                break;
            case Fault.KillTenders or Fault.KillBids or Fault.KillModeration or Fault.KillAwards or Fault.KillGateway:
                var component = fault switch
                {
                    Fault.KillTenders => Component.Tenders,
                    Fault.KillBids => Component.Bids,
                    Fault.KillModeration => Component.Moderation,
                    Fault.KillAwards => Component.Awards,
                    _ => Component.Gateway,
                };
                await suite.KillAsync(component);
                await suite.StartAgainAsync(component);
                break;
            case Fault.RabbitMqStopped:
                await suite.RabbitMq.StopAppAsync();
                await BrokerAwayLongEnoughAsync(suite, phase, tenderIds, burst);
                await suite.RabbitMq.StartAppAsync();
                await suite.WaitServingAsync("RabbitMQ started again");
                break;
            case Fault.RabbitMqKilled:
                await suite.RabbitMq.KillAsync();
                await BrokerAwayLongEnoughAsync(suite, phase, tenderIds, burst);
                await suite.RabbitMq.StartAgainAsync();
                await suite.WaitServingAsync("RabbitMQ started again");
                break;
            case Fault.PostgresRestarted:
                await suite.Postgres.RestartAsync();
                NpgsqlConnection.ClearAllPools();   // the checks' own pooled connections were cut too
                await suite.WaitServingAsync("PostgreSQL restarted");
                break;
        }
    }

    /// <summary>
    /// The broker stays away until its absence has been felt (submissions: another quarter of the burst acknowledged
    /// without it; consumption: a publish attempt failed), or 10 s, whichever comes first.
    /// </summary>
    private static async Task BrokerAwayLongEnoughAsync(Suite suite, Phase phase, IReadOnlyList<string> tenderIds, Burst burst)
    {
        var target = burst.Acknowledged + burst.Submissions.Count / 4;
        try
        {
            await Eventually.True(async () =>
            {
                if (phase == Phase.DuringSubmissions) return burst.Acknowledged >= Math.Min(target, burst.Submissions.Count);
                await using var connection = new NpgsqlConnection(suite.ConnectionStringFor("tenders"));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT count(*)::int FROM outbox_message WHERE published_at IS NULL AND attempt_count > 0", connection);
                return (int)(await command.ExecuteScalarAsync())! > 0;
            }, "the broker's absence felt", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Down for 10 s is long enough.
        }
    }

    private static Task BidServiceKnowsAsync(Suite suite, IReadOnlyList<string> tenderIds) =>
        Eventually.True(async () =>
        {
            await using var connection = new NpgsqlConnection(suite.ConnectionStringFor("bids"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*)::int FROM tender_view WHERE tender_id = ANY(@tenders)", connection);
            command.Parameters.Add(new NpgsqlParameter("tenders", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = tenderIds.Select(Guid.Parse).ToArray() });
            return (int)(await command.ExecuteScalarAsync())! == tenderIds.Count;
        }, "the bid service heard of the tenders", Suite.StartBound);
}
