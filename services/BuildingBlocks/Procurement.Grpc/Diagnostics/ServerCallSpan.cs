using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Procurement.Grpc;

/// <summary>
/// The server side of one call: a span continuing the caller's trace (its W3C traceparent header) named
/// after the gRPC method, current while the call runs, and the call's duration by status. The gateway
/// uses it for the calls it forwards, the runtime for the calls it serves.
/// </summary>
public sealed class ServerCallSpan
{
    private readonly string _method;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _previous;
    private bool _ended;

    private ServerCallSpan(string method, Activity? activity, Activity? previous)
    {
        _method = method;
        Activity = activity;
        _previous = previous;
    }

    /// <summary>The span, when something listens to <see cref="GrpcDiagnostics.SourceName"/>.</summary>
    public Activity? Activity { get; }

    /// <param name="method">The full method path, "/pkg.Service/Method".</param>
    public static ServerCallSpan Start(HttpContext http, string method)
    {
        var headers = http.Request.Headers;
        var previous = Activity.Current;
        Activity? activity = null;
        if (GrpcDiagnostics.Source.HasListeners())
        {
            // The parent is the caller's span, or none: never whatever happens to be current (ASP.NET Core's
            // own request activity), so a call without a traceparent starts a trace of its own.
            TraceContext.TryExtract(headers[TraceContext.TraceParentHeader].ToString(), headers[TraceContext.TraceStateHeader].ToString(), out var parent);
            Activity.Current = null;
            activity = GrpcDiagnostics.Source.StartActivity(GrpcDiagnostics.SpanName(method), ActivityKind.Server, parent);
            if (activity is null) Activity.Current = previous;
        }
        if (activity is { IsAllDataRequested: true })
        {
            GrpcDiagnostics.SetCallTags(activity, method);
            if (http.Connection.RemoteIpAddress is { } peer)
            {
                activity.SetTag("network.peer.address", peer.ToString());
                activity.SetTag("network.peer.port", http.Connection.RemotePort);
            }
            if (http.Connection.LocalPort > 0) activity.SetTag("server.port", http.Connection.LocalPort);
        }
        return new ServerCallSpan(method, activity, previous);
    }

    /// <summary>Ends the span with the call's status (null: the request was refused before it became a gRPC call).</summary>
    public void End(Status? status, int httpStatus = 200)
    {
        if (_ended) return;
        _ended = true;
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (status is { } known) GrpcDiagnostics.RecordServer(_method, known.StatusCode, elapsed);
        if (Activity is null) return;

        if (status is { } ended) GrpcDiagnostics.SetStatus(Activity, ended.StatusCode, ended.Detail);
        else
        {
            Activity.SetTag("http.response.status_code", httpStatus);
            Activity.SetStatus(ActivityStatusCode.Error, $"HTTP {httpStatus}: not a gRPC call");
        }
        Activity.Stop();
        Activity.Current = _previous;
    }
}
