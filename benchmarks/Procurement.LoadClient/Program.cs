using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;
using Procurement.LoadClient;

Options options;
try
{
    if (args is ["--help"] or ["-h"]) { Console.WriteLine(Options.Usage); return 0; }
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or UriFormatException)
{
    Console.Error.WriteLine($"procurement-load: {e.Message}\n\n{Options.Usage}");
    return 2;
}

var lifetime = TimeSpan.FromSeconds(options.WarmupSeconds + options.DurationSeconds + 3600);
var callDeadline = TimeSpan.FromSeconds(options.CallDeadlineSeconds);

// 1. The tender: created and published through the gateway by a procurement officer of 7F Commercial, with a
//    submission deadline 30 days away. A fresh one per run, so that each supplier's first call is a first bid.
var officer = new Caller("p-load-officer", "Load Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });
var officerHeaders = () => new Metadata
{
    { "authorization", "Bearer " + DevelopmentTokens.Issue(officer, lifetime) },
    { "idempotency-key", Guid.NewGuid().ToString() },
};
string tenderId;
using (var setupChannel = GrpcChannel.ForAddress(options.SetupAddress))
{
    var tenders = new TenderService.TenderServiceClient(setupChannel);
    var draft = await tenders.CreateDraftAsync(new CreateDraftRequest { Content = Workload.TenderContent(DateTimeOffset.UtcNow, options) },
        officerHeaders(), DateTime.UtcNow + callDeadline);
    var published = await tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version },
        officerHeaders(), DateTime.UtcNow + callDeadline);
    if (published.Status != TenderStatus.Published) throw new InvalidOperationException($"tender {draft.Id} is {published.Status} after Publish");
    tenderId = published.Id;
}
Console.Error.WriteLine($"tender {tenderId} published; {options.Suppliers} suppliers against {options.Address} ({options.Target}), " +
                        $"{options.WarmupSeconds} s warm-up + {options.DurationSeconds} s measured, revise: {options.Revise}");

// 2. Everything a call needs, made before the clock starts: one token per supplier, the requests, the channels.
var suppliers = Enumerable.Range(1, options.Suppliers).Select(i =>
{
    var organisation = $"load-supplier-{i:D4}";
    var caller = new Caller($"p-{organisation}", $"Bidder {i}", organisation, null, new HashSet<Role> { Role.Supplier });
    return new Supplier(organisation, "Bearer " + DevelopmentTokens.Issue(caller, lifetime), Workload.SubmitBid(tenderId, i));
}).ToArray();
var channels = Enumerable.Range(0, options.Connections).Select(_ => GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
{
    HttpHandler = new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
    },
})).ToArray();

// 3. The run: warm-up, then the measured window. A call counts in the window if it started and ended inside it.
var meter = new ProcessMeter(options);
meter.SampleRss(before: true);
using var stopSampling = new CancellationTokenSource();
var sampler = meter.SampleRssUntilAsync(stopSampling.Token);

// Submissions only (--no-revise): no warm-up; the window lasts until the last supplier's bid is in.
var begin = Stopwatch.GetTimestamp();
var windowStart = options.Revise ? begin + (long)(options.WarmupSeconds * Stopwatch.Frequency) : begin;
var windowEnd = options.Revise ? windowStart + (long)(options.DurationSeconds * Stopwatch.Frequency) : long.MaxValue;
static TimeSpan Until(long timestamp) => TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp).Ticks));
if (!options.Revise) meter.StartWindow();
var windowTimer = options.Revise
    ? Task.Run(async () =>
    {
        await Task.Delay(Until(windowStart));
        meter.StartWindow();
        await Task.Delay(Until(windowEnd));
        meter.EndWindow();
    })
    : Task.CompletedTask;
var workers = suppliers.Select((s, i) => Task.Run(() =>
    Workload.RunSupplierAsync(s, new BidService.BidServiceClient(channels[i % channels.Length]), options.Revise, callDeadline, windowStart, windowEnd))).ToArray();
await Task.WhenAll(workers);
await windowTimer;
if (!options.Revise) meter.EndWindow();
var lastCallEnded = Stopwatch.GetTimestamp();
stopSampling.Cancel();
await sampler;
foreach (var channel in channels) channel.Dispose();

// 4. The figures.
var latencies = suppliers.SelectMany(s => s.Latencies).Order().ToArray();
var firstBids = suppliers.Where(s => s.SubmitLatency > 0).Select(s => s.SubmitLatency).Order().ToArray();
double FirstBids(double p) => firstBids.Length == 0 ? double.NaN : firstBids[Math.Min(firstBids.Length - 1, (int)Math.Ceiling(p * firstBids.Length) - 1)];
double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
var submits = suppliers.Sum(s => s.SubmitsInWindow);
var revisions = suppliers.Sum(s => s.RevisionsInWindow);
// Submissions only: the window lasted until the last call ended.
var seconds = options.Revise ? options.DurationSeconds : Stopwatch.GetElapsedTime(windowStart, lastCallEnded).TotalSeconds;
var errorsInWindow = suppliers.SelectMany(s => s.ErrorsInWindow).GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
var errorsAll = suppliers.SelectMany(s => s.Errors).GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
string Describe(Dictionary<StatusCode, int> errors) =>
    errors.Count == 0 ? "none" : string.Join(",", errors.OrderBy(e => e.Key).Select(e => $"{e.Key}:{e.Value}"));
var noBid = suppliers.Count(s => s.BidId is null);

var row = new List<(string Column, string Value)>
{
    ("target", options.Target), ("suppliers", options.Suppliers.ToString(CultureInfo.InvariantCulture)),
    ("round", options.Round.ToString(CultureInfo.InvariantCulture)), ("seconds", F(seconds, 1)),
    ("ok", latencies.Length.ToString(CultureInfo.InvariantCulture)), ("submits", submits.ToString(CultureInfo.InvariantCulture)),
    ("revisions", revisions.ToString(CultureInfo.InvariantCulture)), ("bids_per_s", F(latencies.Length / seconds, 1)),
    ("p50_ms", F(Percentile(0.50), 2)), ("p95_ms", F(Percentile(0.95), 2)), ("p99_ms", F(Percentile(0.99), 2)),
    ("max_ms", F(latencies.Length == 0 ? double.NaN : latencies[^1], 2)),
    ("errors_window", Describe(errorsInWindow)), ("errors_all", Describe(errorsAll)),
    ("suppliers_without_bid", noBid.ToString(CultureInfo.InvariantCulture)),
    // The first bids, all suppliers at once at the start (in the warm-up when there is one): their latency and how
    // long until the last supplier's bid was in.
    ("first_bids_p50_ms", F(FirstBids(0.50), 2)), ("first_bids_p99_ms", F(FirstBids(0.99), 2)),
    ("first_bids_all_in_s", F(suppliers.Any(s => s.SubmittedAt == 0) ? double.NaN : Stopwatch.GetElapsedTime(begin, suppliers.Max(s => s.SubmittedAt)).TotalSeconds, 2)),
};
foreach (var name in meter.Names) row.Add(($"cpu_{name}", F(meter.CpuPercent(name), 0)));
row.Add(("machine_busy", F(meter.MachineBusyPercent, 0)));
foreach (var name in meter.RssNames)
{
    row.Add(($"rss_before_{name}", F(meter.RssBeforeMb(name), 0)));
    row.Add(($"rss_peak_{name}", F(meter.RssPeakMb(name), 0)));
}
row.Add(("tender", tenderId));

Console.Error.WriteLine(string.Join("  ", row.Select(c => $"{c.Column}={c.Value}")));
if (options.Results is { } path)
{
    var header = string.Join('\t', row.Select(c => c.Column));
    if (!File.Exists(path) || new FileInfo(path).Length == 0) File.WriteAllText(path, header + "\n", new UTF8Encoding(false));
    else if (File.ReadLines(path).First() != header) throw new InvalidOperationException($"{path} has other columns than this run");
    File.AppendAllText(path, string.Join('\t', row.Select(c => c.Value)) + "\n", new UTF8Encoding(false));
}
return latencies.Length > 0 && noBid == 0 ? 0 : 1;

static string F(double value, int decimals) =>
    double.IsNaN(value) ? "-" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
