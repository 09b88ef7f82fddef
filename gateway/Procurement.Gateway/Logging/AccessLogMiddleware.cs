using Procurement.Identity;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Logging;

/// <summary>
/// One structured entry per gRPC call through the gateway, refused or forwarded: method path, caller
/// (subject and organisation, when the token was valid), grpc-status (from the trailers, or the headers of a
/// Trailers-Only answer), duration and the cluster that served it. What is worth reading logs at Information: a call
/// that did not end OK, and one slower than Gateway:SlowCall (default 1 s). A call that ended OK in time, and every
/// health probe, logs at Debug (on with Logging:LogLevel:Procurement.Gateway.Access=Debug): at hundreds of calls a
/// second, an entry each was most of the gateway's log and a share of its CPU (docs/benchmarks.md). The entry is
/// written inside ASP.NET Core's request span, so it carries the call's trace id.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers, IOptions<GatewayOptions> gatewayOptions)
{
    public const string Category = "Procurement.Gateway.Access";

    private static readonly PathString HealthService = "/grpc.health.v1.Health";

    private readonly ILogger _log = loggers.CreateLogger(Category);
    private readonly TimeSpan _slowCall = gatewayOptions.Value.SlowCall;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!GrpcRefusal.IsGrpcCall(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = GrpcStatus(context);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var level = context.Request.Path.StartsWithSegments(HealthService) || (status == "0" && elapsed < _slowCall)
                ? LogLevel.Debug
                : LogLevel.Information;
            if (_log.IsEnabled(level))
            {
                var caller = context.FindCaller();
                var cluster = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Cluster?.ClusterId;
                _log.Log(level,
                    "gRPC {Path} by {Subject} of {Organisation} -> {GrpcStatus} in {DurationMs:0.0} ms via {Cluster}",
                    context.Request.Path.Value,
                    caller?.PersonId ?? "-",
                    caller?.Organisation ?? "-",
                    status,
                    elapsed.TotalMilliseconds,
                    cluster ?? "gateway");
            }
        }
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
