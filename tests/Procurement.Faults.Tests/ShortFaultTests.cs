using Xunit.Abstractions;

namespace Procurement.Faults.Tests;

/// <summary>
/// The short fault suite (CI): five cases on one suite started for the class, each on fresh tenders. A case fails
/// when any invariant does not hold after the fault and the recovery (see <see cref="Invariants"/>).
/// </summary>
public sealed class ShortFaultTests(Suite suite, ITestOutputHelper output) : IClassFixture<Suite>
{
    private const int Tenders = 2;
    private const int Suppliers = 40;
    private static readonly TimeSpan Arrivals = TimeSpan.FromSeconds(4);

    [Theory]
    [InlineData(Fault.KillBids, Phase.DuringSubmissions)]
    [InlineData(Fault.KillGateway, Phase.DuringSubmissions)]
    [InlineData(Fault.PostgresRestarted, Phase.DuringSubmissions)]
    [InlineData(Fault.RabbitMqKilled, Phase.DuringConsumption)]
    [InlineData(Fault.KillModeration, Phase.DuringConsumption)]
    public async Task Every_acknowledged_bid_is_stored_opened_and_evaluated_exactly_once(Fault fault, Phase phase)
    {
        var result = await FaultCase.RunAsync(suite, fault, phase, Tenders, Suppliers, Arrivals);
        output.WriteLine(Summary.Header + Summary.Row(result));
        ShortRun.Add(suite, result);

        Assert.True(result.Passed, $"{fault} {phase}:\n{string.Join("\n", result.Report.Violations)}\n{result.Diagnosis}");
        Assert.Equal(Suppliers * Tenders, result.Report.Acknowledged);
        if (phase == Phase.DuringSubmissions)
            Assert.True(result.AcknowledgedAtFault < Suppliers * Tenders, $"the fault came after the burst ({result.FaultAt}): it tested nothing");
    }

    /// <summary>The checks themselves: without a fault everything holds, and a receipt the databases do not bear out is caught.</summary>
    [Fact]
    public async Task The_checks_hold_without_a_fault_and_catch_a_receipt_that_was_not_stored()
    {
        var result = await FaultCase.RunAsync(suite, Fault.None, Phase.DuringSubmissions, tenderCount: 1, suppliers: 4, TimeSpan.Zero);
        ShortRun.Add(suite, result);
        Assert.True(result.Passed, string.Join("\n", result.Report.Violations) + "\n" + result.Diagnosis);
        Assert.Equal((4, 4, 4, 4, 2, 0, 3), (result.Report.Stored, result.Report.OpenedOnce, result.Report.ReachedModerationOnce, result.Report.Acknowledged,
            result.Report.Evaluations, result.Report.Replayed, result.Report.EventsAppliedOnce));

        // A retry after the answer came (as if it had been lost): the same receipt, and the check sees it replayed.
        var again = result.Burst!.Submissions[2];
        again.LastAttemptAt = DateTimeOffset.UtcNow;
        var replay = await new Procurement.Contracts.Bid.V1.BidService.BidServiceClient(suite.Gateway).SubmitBidAsync(
            Workload.Bid(again.TenderId, 3), new Grpc.Core.Metadata
            {
                { "authorization", "Bearer " + Procurement.Identity.DevelopmentTokens.Issue(Workload.Supplier(again.Organisation), TimeSpan.FromHours(1)) },
                { "idempotency-key", again.IdempotencyKey },
            }, DateTime.UtcNow + Suite.CallDeadline);
        Assert.Equal(again.Receipt, replay);
        Assert.Equal(1, (await Invariants.CheckAsync(suite, result.TenderIds, result.Burst)).Replayed);

        // A receipt with another digest, and one for a bid that does not exist (its real bid then has no receipt).
        var altered = result.Burst!.Submissions[0].Receipt!;
        altered.DigestSha256 = new string('0', 64);
        var forged = result.Burst!.Submissions[1].Receipt!;
        forged.BidId = Guid.NewGuid().ToString();
        var report = await Invariants.CheckAsync(suite, result.TenderIds, result.Burst!);
        Assert.Equal((2, 2, 3), (report.Stored, report.OpenedOnce, report.ReachedModerationOnce));
        Assert.Contains(report.Violations, v => v.Contains(forged.BidId, StringComparison.Ordinal));
        Assert.Contains(report.Violations, v => v.Contains("1 stored bids that no client has a receipt for", StringComparison.Ordinal));

        // What a failing case reports beside its violations: the broker's queues with their consumers, and the outboxes.
        var diagnosis = await suite.DiagnoseAsync();
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(diagnosis, @"bids-tender-events\s+\w+\s+running\s+0\s+0\s+1\b"), diagnosis);
        Assert.Contains("bids: 0 outbox rows unpublished", diagnosis, StringComparison.Ordinal);
    }
}

/// <summary>The short run's cases so far, written to summary.md after each.</summary>
internal static class ShortRun
{
    private static readonly List<CaseResult> Results = [];

    public static void Add(Suite suite, CaseResult result)
    {
        lock (Results)
        {
            Results.Add(result);
            Summary.Write(suite, "Fault suite, short run", Results, "each supplier bids for every tender of its case");
        }
    }
}
