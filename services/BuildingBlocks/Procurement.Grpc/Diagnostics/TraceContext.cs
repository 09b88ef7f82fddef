using System.Diagnostics;

namespace Procurement.Grpc;

/// <summary>W3C trace context (traceparent, tracestate) in request headers, read and written explicitly.</summary>
public static class TraceContext
{
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>The caller's span from its traceparent (and tracestate), marked remote; false when absent or malformed.</summary>
    public static bool TryExtract(string? traceParent, string? traceState, out ActivityContext context)
    {
        context = default;
        if (string.IsNullOrEmpty(traceParent)) return false;
        if (!ActivityContext.TryParse(traceParent, string.IsNullOrEmpty(traceState) ? null : traceState, isRemote: true, out var parsed))
            return false;
        context = parsed;
        return true;
    }

    /// <summary>The traceparent value naming <paramref name="activity"/> as the parent ("00-trace-span-flags").</summary>
    public static string? TraceParentOf(Activity activity) =>
        activity.IdFormat == ActivityIdFormat.W3C ? activity.Id : null;
}
