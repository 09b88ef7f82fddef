using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Procurement.Gateway.Admission;
using Procurement.Grpc;

namespace Procurement.Gateway.Logging;

/// <summary>
/// One structured entry per gRPC call through the gateway, refused or forwarded: method path, caller
/// (subject and organisation, when the token was valid), grpc-status (from the trailers, or the headers of a
/// Trailers-Only answer), duration and the cluster that served it. Health probes log at Debug only.
/// A call to be forwarded gets the gateway's server span (continuing the caller's trace; YARP passes it on to
/// the service as the parent), so the entry carries the trace id; the gateway's own services get theirs
/// from the gRPC runtime.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    public const string Category = "Procurement.Gateway.Access";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!CallAuthenticationMiddleware.IsGrpcCall(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var span = GatewayEndpoints.IsOwn(context.Request.Path) ? null : ServerCallSpan.Start(context, context.Request.Path.Value ?? "");
        try
        {
            await next(context);
        }
        finally
        {
            var status = GrpcStatus(context);
            var call = GatewayCall.Find(context);
            var level = call is null && GatewayEndpoints.IsOwn(context.Request.Path) ? LogLevel.Debug : LogLevel.Information;
            if (_log.IsEnabled(level))
            {
                _log.Log(level,
                    "gRPC {Path} by {Subject} of {Organisation} -> {GrpcStatus} in {DurationMs:0.0} ms via {Cluster}",
                    context.Request.Path.Value,
                    call?.Caller?.PersonId ?? "-",
                    call?.Caller?.Organisation ?? "-",
                    status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    call?.Route.Cluster ?? "gateway");
            }
            span?.End(ParseStatus(status, context), context.Response.StatusCode);
        }
    }

    private static Status? ParseStatus(string grpcStatus, HttpContext context)
    {
        if (int.TryParse(grpcStatus, out var code)) return new Status((StatusCode)code, GrpcMessage(context));
        return grpcStatus == "aborted" ? new Status(StatusCode.Cancelled, "The stream ended without a status.") : null;
    }

    private static string GrpcMessage(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-message", out var fromTrailers)) return Uri.UnescapeDataString(fromTrailers.ToString());
        return context.Response.Headers.TryGetValue("grpc-message", out var fromHeaders) ? Uri.UnescapeDataString(fromHeaders.ToString()) : "";
    }

    /// <summary>The call's grpc-status; "aborted" when the stream ended without one (a reset or a lost connection).</summary>
    private static string GrpcStatus(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var fromTrailers) && fromTrailers.Count > 0)
            return fromTrailers.ToString();
        if (context.Response.Headers.TryGetValue("grpc-status", out var fromHeaders) && fromHeaders.Count > 0)
            return fromHeaders.ToString();
        return context.RequestAborted.IsCancellationRequested ? "aborted" : $"none (HTTP {context.Response.StatusCode})";
    }
}
