using System.Diagnostics;
using Grpc.Core;
using Procurement.Contracts.Bid.V1;
using Procurement.Identity;

namespace Procurement.Faults.Tests;

/// <summary>What one supplier of a burst did: its bid's receipt, if it got one, and every failed attempt's status.</summary>
public sealed class Submission(string organisation, string tenderId)
{
    public string Organisation { get; } = organisation;
    public string TenderId { get; } = tenderId;
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString();
    public Receipt? Receipt { get; set; }
    /// <summary>When the attempt that got the receipt began (real time).</summary>
    public DateTimeOffset LastAttemptAt { get; set; }
    public List<StatusCode> Failures { get; } = [];
    /// <summary>The call that ended it without a receipt (a status no retry can help), if any.</summary>
    public string? GaveUp { get; set; }
}

/// <summary>
/// Many suppliers at once, each submitting one bid through the gateway: every call with a deadline, and every retry of
/// a submission with the same idempotency key, so that a bid committed whose receipt was lost is answered with the
/// receipt it got, never refused as a second bid.
/// </summary>
public sealed class Burst
{
    /// <summary>Suppliers arrive in this many waves, all of a wave at once (calls in flight together when a fault lands).</summary>
    public const int Waves = 4;

    private int _acknowledged;
    private int _inFlight;
    private readonly int _suppliers;
    private readonly TimeSpan _arrivals;

    /// <summary>
    /// <paramref name="suppliers"/> suppliers, each bidding for every tender in turn; they arrive in <see cref="Waves"/>
    /// waves spread over <paramref name="arrivals"/> (a burst that lasts long enough for a fault to land inside it).
    /// </summary>
    public Burst(string caseName, IReadOnlyList<string> tenderIds, int suppliers, TimeSpan arrivals)
    {
        _suppliers = Math.Max(1, suppliers);
        _arrivals = arrivals;
        Submissions = [.. Enumerable.Range(1, suppliers).SelectMany(i => tenderIds.Select(t => new Submission($"{caseName}-s{i:D3}", t)))];
    }

    public IReadOnlyList<Submission> Submissions { get; }

    public StatusTally Statuses { get; } = new();

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Calls sent and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public TimeSpan Elapsed { get; private set; }

    public async Task RunAsync(CallInvoker gateway)
    {
        var clock = Stopwatch.StartNew();
        var bids = new BidService.BidServiceClient(gateway);
        await Task.WhenAll(Submissions.GroupBy(s => s.Organisation).Select((supplier, i) => Task.Run(async () =>
        {
            // Arrival pacing, not a wait for anything.
            var wave = i * Waves / _suppliers;
            await Task.Delay(_arrivals * wave / Waves);
            var token = "Bearer " + DevelopmentTokens.Issue(Workload.Supplier(supplier.Key), TimeSpan.FromDays(400));
            foreach (var submission in supplier)
            {
                var request = Workload.Bid(submission.TenderId, i + 1);
                try
                {
                    submission.Receipt = await Retry.CallAsync(Statuses,
                        async () =>
                        {
                            submission.LastAttemptAt = DateTimeOffset.UtcNow;
                            Interlocked.Increment(ref _inFlight);
                            try
                            {
                                return await bids.SubmitBidAsync(request, new Metadata
                                {
                                    { "authorization", token },
                                    { "idempotency-key", submission.IdempotencyKey },
                                }, DateTime.UtcNow + Suite.CallDeadline);
                            }
                            finally
                            {
                                Interlocked.Decrement(ref _inFlight);
                            }
                        },
                        failed: submission.Failures.Add,
                        // UNKNOWN and INTERNAL are counted against the suite, but retried too: the receipt must still come.
                        retry: code => StatusTally.Retryable(code) || code is StatusCode.Unknown or StatusCode.Internal);
                    Interlocked.Increment(ref _acknowledged);
                }
                catch (RpcException e)
                {
                    submission.GaveUp = $"{e.StatusCode}: {e.Status.Detail}";
                }
            }
        })));
        Elapsed = clock.Elapsed;
    }
}
