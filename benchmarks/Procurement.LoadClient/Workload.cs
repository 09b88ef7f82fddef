using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Procurement.Contracts.Bid.V1;
using Procurement.Contracts.Common.V1;
using Procurement.Contracts.Tender.V1;

namespace Procurement.LoadClient;

/// <summary>One supplier of the run: its token, its prepared requests and what its calls did.</summary>
internal sealed class Supplier(string organisation, string authorization, SubmitBidRequest submit)
{
    public string Organisation { get; } = organisation;
    public string Authorization { get; } = authorization;
    public SubmitBidRequest Submit { get; } = submit;
    public string? BidId { get; set; }
    public int Version { get; set; }
    /// <summary>Milliseconds of each successful call inside the window.</summary>
    public List<double> Latencies { get; } = new(4096);
    public List<StatusCode> ErrorsInWindow { get; } = [];
    public List<StatusCode> Errors { get; } = [];
    public int SubmitsInWindow { get; set; }
    /// <summary>The successful SubmitBid: its latency in ms (retries included) and when it ended (Stopwatch timestamp).</summary>
    public double SubmitLatency { get; set; }
    public long SubmittedAt { get; set; }
    public int RevisionsInWindow { get; set; }
}

/// <summary>The tender, the bids, and what each supplier does during a run.</summary>
internal static class Workload
{
    /// <summary>
    /// The joint tender of demo/kent-essex/tender.yaml (Kent and Essex, one lot each), with a fresh reference and a
    /// timetable relative to now: questions for 14 days, bids for 30, the contract from 120 days.
    /// </summary>
    public static TenderContent TenderContent(DateTimeOffset now, Options options)
    {
        var start = now.AddDays(120);
        Lot LotFor(string id, string title, long pence, int months, int extension, params Criterion[] criteria)
        {
            var lot = new Lot
            {
                Id = id,
                Commissioner = id,
                Title = title,
                Specification = $"Advocacy and support for victims of crime in {id}.",
                EstimatedAnnualValue = new Money { MinorUnits = pence, Currency = "GBP" },
                ContractTerms = new ContractTerms
                {
                    StartDate = new Date { Year = start.Year, Month = start.Month, Day = start.Day },
                    InitialTermMonths = months,
                    ExtensionAllowanceMonths = extension,
                    ExtensionStepMonths = 12,
                },
                Evaluation = new EvaluationModel(),
            };
            lot.Evaluation.Criteria.AddRange(criteria);
            return lot;
        }
        Criterion C(string id, CriterionKind kind, int weight) => new() { Id = id, Kind = kind, Title = id, WeightPercent = weight };

        var content = new TenderContent
        {
            Reference = $"7F-LOAD-{now:yyyyMMdd-HHmmss}-{options.Target}-{options.Suppliers}-{options.Round}",
            Title = "Victims' advocacy and support service (load benchmark)",
            Description = "One procurement for Kent PCC and Essex PFCC; one lot each. Made by benchmarks/load.sh.",
            Regime = Regime.Pcr2015,
            LightTouch = true,
            Timetable = new Timetable
            {
                ClarificationDeadline = Timestamp.FromDateTimeOffset(now.AddDays(14)),
                SubmissionDeadline = Timestamp.FromDateTimeOffset(now.AddDays(30)),
            },
        };
        content.Commissioners.Add(["kent", "essex"]);
        var kent = LotFor("kent", "Kent victims' advocacy and support", 100_000_000, 48, 36,
            C("Q1", CriterionKind.Quality, 30), C("Q2", CriterionKind.Quality, 20), C("Q3", CriterionKind.Quality, 10),
            C("SV1", CriterionKind.SocialValue, 10), C("PRICE", CriterionKind.Price, 30));
        kent.Evaluation.MinimumQualityPercent = 50;
        content.Lots.Add(kent);
        content.Lots.Add(LotFor("essex", "Essex victims' support and coordination", 55_000_000, 36, 24,
            C("Q1", CriterionKind.Quality, 60), C("PRICE", CriterionKind.Price, 40)));
        return content;
    }

    /// <summary>demo/kent-essex/victim-support.yaml's bid for both lots, its prices varied by supplier and by <paramref name="step"/>.</summary>
    private static IEnumerable<LotOffer> Offers(int supplier, int step)
    {
        LotOffer Offer(string lot, long pence, params string[] criteria)
        {
            var offer = new LotOffer { LotId = lot, AnnualPrice = new Money { MinorUnits = pence + supplier * 100 + step, Currency = "GBP" } };
            offer.Responses.AddRange(criteria.Select(c => new CriterionResponse
            {
                CriterionId = c,
                Text = $"Our response to {c} for the {lot} lot (supplier {supplier}, version {step + 1}).",
            }));
            return offer;
        }
        yield return Offer("kent", 100_000_000, "Q1", "Q2", "Q3", "SV1");
        yield return Offer("essex", 56_000_000, "Q1");
    }

    private static Declarations Declarations() => new() { AcceptsTerms = true, MeetsMandatoryRequirements = true, NoConflictsDeclared = true };

    public static SubmitBidRequest SubmitBid(string tenderId, int supplier)
    {
        var request = new SubmitBidRequest { TenderId = tenderId, Declarations = Declarations() };
        request.Offers.AddRange(Offers(supplier, 0));
        return request;
    }

    /// <summary>Two revised versions a supplier alternates between (a revision always changes the prices).</summary>
    private static ReviseBidRequest[] Revisions(int supplier) => [.. new[] { 1, 2 }.Select(step =>
    {
        var request = new ReviseBidRequest { Declarations = Declarations() };
        request.Offers.AddRange(Offers(supplier, step));
        return request;
    })];

    private static Metadata Headers(Supplier supplier, string idempotencyKey) => new()
    {
        { "authorization", supplier.Authorization },
        { "idempotency-key", idempotencyKey },
    };

    /// <summary>
    /// One bid, then (with <paramref name="revise"/>) revisions one after the other until the window ends. Each action
    /// has its own idempotency key; a failed call is retried with the same key after 50 ms, as a careful client would.
    /// </summary>
    public static async Task RunSupplierAsync(Supplier supplier, BidService.BidServiceClient client, bool revise, TimeSpan callDeadline,
                                              long windowStart, long windowEnd)
    {
        var number = int.Parse(supplier.Organisation[^4..], System.Globalization.CultureInfo.InvariantCulture);
        var key = Guid.NewGuid().ToString();
        var firstAttempt = Stopwatch.GetTimestamp();
        while (supplier.BidId is null && Stopwatch.GetTimestamp() < windowEnd)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var receipt = await client.SubmitBidAsync(supplier.Submit, Headers(supplier, key), DateTime.UtcNow + callDeadline);
                supplier.BidId = receipt.BidId;
                supplier.Version = receipt.Version;
                supplier.SubmittedAt = Stopwatch.GetTimestamp();
                supplier.SubmitLatency = Stopwatch.GetElapsedTime(firstAttempt, supplier.SubmittedAt).TotalMilliseconds;
                if (Record(supplier, started, windowStart, windowEnd, null)) supplier.SubmitsInWindow++;
            }
            catch (RpcException e)
            {
                Record(supplier, started, windowStart, windowEnd, e.StatusCode);
                if (e.StatusCode is StatusCode.AlreadyExists or StatusCode.PermissionDenied or StatusCode.Unauthenticated
                    or StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound) return;
                await Task.Delay(50);
            }
        }
        if (!revise || supplier.BidId is null) return;

        var revisions = Revisions(number);
        foreach (var r in revisions) r.BidId = supplier.BidId;
        var step = 0;
        key = Guid.NewGuid().ToString();
        while (Stopwatch.GetTimestamp() < windowEnd)
        {
            var request = revisions[step % 2];
            request.ExpectedVersion = supplier.Version;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var receipt = await client.ReviseBidAsync(request, Headers(supplier, key), DateTime.UtcNow + callDeadline);
                supplier.Version = receipt.Version;
                if (Record(supplier, started, windowStart, windowEnd, null)) supplier.RevisionsInWindow++;
                step++;
                key = Guid.NewGuid().ToString();
            }
            catch (RpcException e)
            {
                Record(supplier, started, windowStart, windowEnd, e.StatusCode);
                if (e.StatusCode is StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.InvalidArgument
                    or StatusCode.NotFound) return;
                if (e.StatusCode is StatusCode.Aborted or StatusCode.FailedPrecondition)
                {
                    // A stale version: read the bid's current one and start a new action.
                    try
                    {
                        var bid = await client.GetBidAsync(new GetBidRequest { BidId = supplier.BidId },
                            new Metadata { { "authorization", supplier.Authorization } }, DateTime.UtcNow + callDeadline);
                        supplier.Version = bid.Version;
                    }
                    catch (RpcException) { }
                    key = Guid.NewGuid().ToString();
                }
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Records one call; true when it succeeded inside the window.</summary>
    private static bool Record(Supplier supplier, long started, long windowStart, long windowEnd, StatusCode? error)
    {
        var ended = Stopwatch.GetTimestamp();
        var inWindow = started >= windowStart && ended <= windowEnd;
        if (error is { } status)
        {
            supplier.Errors.Add(status);
            if (inWindow) supplier.ErrorsInWindow.Add(status);
            return false;
        }
        if (inWindow) supplier.Latencies.Add(Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds);
        return inWindow;
    }
}
