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
/// </summary>
internal sealed class ForwardingMiddleware(RequestDelegate next, [FromKeyedServices(GatewayOptions.ElapsedTimeKey)] TimeProvider clock)
{
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
            await next(context);
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
