using System.Diagnostics.Metrics;

namespace Procurement.Bids.Grpc;

/// <summary>The bid service's own metrics (meter "Procurement.Bids").</summary>
internal static class BidDiagnostics
{
    public const string MeterName = "Procurement.Bids";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>(
        "procurement.bids.submitted", "{bid}", "Bids submitted (committed; revisions and withdrawals not counted).");

    public static void BidSubmitted() => Submitted.Add(1);
}
