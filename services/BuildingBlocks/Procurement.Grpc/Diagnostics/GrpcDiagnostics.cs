using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Procurement.Grpc;

/// <summary>
/// The runtime's traces and metrics, in the names of OpenTelemetry's RPC conventions: one span per call
/// on each side (source "Procurement.Grpc"), and call durations by service, method and status (meter
/// "Procurement.Grpc"). Nothing is recorded unless a listener subscribes to these names.
/// </summary>
public static class GrpcDiagnostics
{
    public const string SourceName = "Procurement.Grpc";
    public const string MeterName = "Procurement.Grpc";

    internal static readonly ActivitySource Source = new(SourceName, "1.0");
    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Histogram<double> ServerDuration = Meter.CreateHistogram<double>(
        "rpc.server.call.duration", "s", "Duration of gRPC calls served, by service, method and status code.");

    private static readonly Histogram<double> ClientDuration = Meter.CreateHistogram<double>(
        "rpc.client.call.duration", "s", "Duration of gRPC calls made, by service, method and status code.");

    /// <summary>"/pkg.Service/Method" as ("pkg.Service", "Method"); anything else as (path, "").</summary>
    public static (string Service, string Method) SplitMethod(string fullName)
    {
        var path = fullName.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        return slash <= 0 ? (path.ToString(), "") : (path[..slash].ToString(), path[(slash + 1)..].ToString());
    }

    /// <summary>The span name the conventions ask for: "pkg.Service/Method".</summary>
    public static string SpanName(string fullName) => fullName.TrimStart('/');

    internal static void SetCallTags(Activity activity, string fullName)
    {
        var (service, method) = SplitMethod(fullName);
        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("rpc.service", service);
        activity.SetTag("rpc.method", method);
    }

    /// <summary>
    /// Records the call's status on its span. A server span is an error only for the codes that mean the
    /// server failed (the conventions' list); a client span for any code but OK.
    /// </summary>
    public static void SetStatus(Activity activity, StatusCode code, string? detail)
    {
        activity.SetTag("rpc.grpc.status_code", (int)code);
        var failed = activity.Kind == ActivityKind.Server ? IsServerFault(code) : code != StatusCode.OK;
        if (failed) activity.SetStatus(ActivityStatusCode.Error, string.IsNullOrEmpty(detail) ? code.ToString() : detail);
    }

    public static bool IsServerFault(StatusCode code) => code is StatusCode.Unknown or StatusCode.DeadlineExceeded
        or StatusCode.Unimplemented or StatusCode.Internal or StatusCode.Unavailable or StatusCode.DataLoss;

    internal static void RecordServer(string fullName, StatusCode code, TimeSpan elapsed) => Record(ServerDuration, fullName, code, elapsed);
    internal static void RecordClient(string fullName, StatusCode code, TimeSpan elapsed) => Record(ClientDuration, fullName, code, elapsed);

    private static void Record(Histogram<double> histogram, string fullName, StatusCode code, TimeSpan elapsed)
    {
        if (!histogram.Enabled) return;
        var (service, method) = SplitMethod(fullName);
        histogram.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("rpc.system", "grpc"),
            new KeyValuePair<string, object?>("rpc.service", service),
            new KeyValuePair<string, object?>("rpc.method", method),
            new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code));
    }
}
