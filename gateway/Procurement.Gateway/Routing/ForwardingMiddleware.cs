using System.Net.Sockets;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Procurement.Identity;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Routing;

/// <summary>
/// Around YARP's forwarding of a call: the caller's deadline (grpc-timeout) is the gateway's too, and what goes wrong
/// while forwarding reaches the caller as a gRPC status (Trailers-Only), not as YARP's bare HTTP 502 or 504:
/// the service cannot be reached → UNAVAILABLE, the caller's deadline passed → DEADLINE_EXCEEDED, the caller cancelled
/// → CANCELLED. Once the service's response has started it is the service's to end (it got the same grpc-timeout).
/// A call that could not be forwarded is tried again (decision 0028), with backoff (Gateway:Retry), within the caller's
/// deadline, before UNAVAILABLE is answered: always when the service refused the connection (the call never reached
/// it); after any other forwarding failure only if a repeat is harmless, i.e. the method declares
/// <c>idempotency_level = NO_SIDE_EFFECTS</c> or the call carries an <c>idempotency-key</c>. The request message is
/// in memory (CallAdmissionMiddleware), so it can be sent again.
/// </summary>
internal sealed class ForwardingMiddleware(
    RequestDelegate next, [FromKeyedServices(GatewayOptions.ElapsedTimeKey)] TimeProvider clock, GatewayRouteTable routes,
    Microsoft.Extensions.Options.IOptions<GatewayOptions> options, ILogger<ForwardingMiddleware> logger)
{
    private readonly RetryOptions _retry = options.Value.Retry;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null)
        {
            await next(context);
            return;
        }

        var lifetime = context.Features.GetRequiredFeature<IHttpRequestLifetimeFeature>();
        using var forwarding = CancellationTokenSource.CreateLinkedTokenSource(lifetime.RequestAborted);
        using var deadline = GrpcTimeout.Parse(context.Request.Headers[GrpcTimeout.Header]) is { } timeout
            ? new CancellationTokenSource(timeout, clock)
            : null;
        using var expiry = deadline?.Token.Register(() =>
        {
            if (!context.Response.HasStarted) forwarding.Cancel();
        });
        // YARP ends its forwarding when RequestAborted fires: here, when the caller goes or its deadline passes.
        context.Features.Set<IHttpRequestLifetimeFeature>(new ForwardingLifetime(lifetime, forwarding.Token));
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await next(context);
                if (context.Features.Get<IForwarderErrorFeature>() is not { } error || context.Response.HasStarted
                    || attempt >= _retry.MaxAttempts || !MayRepeat(context, error))
                    break;
                var delay = Backoff(attempt);
                logger.LogDebug("Forwarding {Path} failed ({Error}); attempt {Attempt} of {MaxAttempts} in {Delay}",
                    context.Request.Path.Value, error.Error, attempt + 1, _retry.MaxAttempts, delay);
                if (!await WaitAsync(delay, deadline, forwarding.Token)) break;
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Request.Body.Position = 0;
            }
        }
        finally
        {
            context.Features.Set(lifetime);
        }

        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure || context.Response.HasStarted) return;
        var service = (context.Request.Path.Value ?? "").TrimStart('/').Split('/')[0];
        var (status, message) = failure.Error switch
        {
            _ when deadline?.IsCancellationRequested == true && forwarding.IsCancellationRequested && !lifetime.RequestAborted.IsCancellationRequested =>
                (StatusCode.DeadlineExceeded, $"The call's deadline passed before {service} answered."),
            _ when lifetime.RequestAborted.IsCancellationRequested => (StatusCode.Cancelled, "The call was cancelled by the client."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient =>
                (StatusCode.Cancelled, "The call was cancelled by the client."),
            ForwarderError.RequestTimedOut => (StatusCode.DeadlineExceeded, $"{service} did not answer in time; try again later."),
            ForwarderError.Request when Refused(failure.Exception) =>
                (StatusCode.Unavailable, $"{service} is not accepting connections (it may be down or restarting); try again shortly."),
            ForwarderError.Request => (StatusCode.Unavailable, $"{service} cannot be reached from the gateway; try again shortly."),
            _ => (StatusCode.Unavailable, $"{service} broke off the call; try again shortly."),
        };
        await GrpcRefusal.WriteAsync(context, status, message);
    }

    /// <summary>Whether sending the call again could do no harm (see the class summary).</summary>
    private bool MayRepeat(HttpContext context, IForwarderErrorFeature error)
    {
        if (error.Error != ForwarderError.Request || !context.Request.Body.CanSeek) return false;
        if (Refused(error.Exception)) return true;
        return context.Request.Headers.ContainsKey(Procurement.Hosting.Idempotency.IdempotencyKeys.Header)
               || routes.FindMethod(context.Request.Path.Value)?.GetOptions()?.IdempotencyLevel
                   is Google.Protobuf.Reflection.MethodOptions.Types.IdempotencyLevel.NoSideEffects;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = Math.Min(_retry.MaxBackoff.Ticks, _retry.InitialBackoff.Ticks << Math.Min(attempt - 1, 16));
        // Half to all of the step, so that callers turned away together do not all come back together.
        return TimeSpan.FromTicks((long)(step * (0.5 + Random.Shared.NextDouble() / 2)));
    }

    /// <summary>False when the caller's deadline passed or the call ended first.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, CancellationTokenSource? deadline, CancellationToken forwarding)
    {
        if (deadline is not null && deadline.IsCancellationRequested) return false;
        try
        {
            await Task.Delay(delay, clock, forwarding);
            return !forwarding.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool Refused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        return false;
    }

    private sealed class ForwardingLifetime(IHttpRequestLifetimeFeature inner, CancellationToken aborted) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted
        {
            get => aborted;
            set => inner.RequestAborted = value;
        }

        public void Abort() => inner.Abort();
    }
}
