using System.Net;
using System.Net.Sockets;
using Procurement.Gateway.Routing;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

/// <summary>What goes wrong while a call is forwarded reaches the caller as a gRPC status, never as YARP's HTTP 502 or 504.</summary>
public sealed class ForwardingFaultTests : ProbeGatewayTestBase
{
    private const string Stall = "/procurement.probe.v1.ProbeService/Stall";

    [Fact]
    public async Task A_service_that_refuses_connections_is_tried_again_then_unavailable_saying_to_try_again_without_its_address()
    {
        var nobody = TestInfrastructure.FreePort();
        await using var gateway = await GatewayHost.StartAsync(Probe.Address, Clock,
            new Dictionary<string, string?> { ["Gateway:Services:Awards"] = $"http://127.0.0.1:{nobody}" });
        var awards = new ProbeService.ProbeServiceClient(gateway.Channel.WithDeadlinesRequired());

        var call = awards.EchoAsync(new EchoRequest(), gateway.As(People.Supplier)).ResponseAsync;
        var failure = await Assert.ThrowsAsync<RpcException>(() => RunClockUntil(call));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("procurement.probe.v1.ProbeService is not accepting connections (it may be down or restarting); try again shortly.", failure.Status.Detail);
        Assert.DoesNotContain(nobody.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Status.Detail);
        Assert.Equal(new RetryOptions().MaxAttempts - 1, Retries(gateway));   // a refused connection never reached the service: always repeated
        var entry = await Eventually.Single(() => gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("14", entry.Values["GrpcStatus"]);
    }

    [Fact]
    public async Task A_call_to_a_service_that_starts_listening_while_the_gateway_backs_off_is_answered_by_it()
    {
        var port = TestInfrastructure.FreePort();
        await using var gateway = await GatewayHost.StartAsync(Probe.Address, Clock,
            new Dictionary<string, string?> { ["Gateway:Services:Awards"] = $"http://127.0.0.1:{port}" });
        var awards = new ProbeService.ProbeServiceClient(gateway.Channel.WithDeadlinesRequired());

        var call = awards.EchoAsync(new EchoRequest { Text = "after the restart" }, gateway.As(People.Supplier)).ResponseAsync;
        await Eventually.True(() => Retries(gateway) >= 1, "the gateway backs off after the refused connection");
        Assert.False(call.IsCompleted);
        await using var restarted = await ProbeServer.StartAsync(port);
        var reply = await RunClockUntil(call);

        Assert.Equal("after the restart", reply.Text);
        Assert.Equal(["/procurement.probe.v1.ProbeService/Echo"], restarted.Calls.Methods);
        var entry = await Eventually.Single(() => gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("0", entry.Values["GrpcStatus"]);
    }

    [Fact]
    public async Task The_callers_deadline_ends_the_backoff_with_deadline_exceeded()
    {
        var nobody = TestInfrastructure.FreePort();
        await using var gateway = await GatewayHost.StartAsync(Probe.Address, Clock,
            new Dictionary<string, string?> { ["Gateway:Services:Awards"] = $"http://127.0.0.1:{nobody}" });
        var awards = new ProbeService.ProbeServiceClient(gateway.Channel.WithDeadlinesRequired());

        var call = awards.EchoAsync(new EchoRequest(), gateway.As(People.Supplier)).ResponseAsync;
        await Eventually.True(() => Retries(gateway) >= 1, "the gateway backs off after the refused connection");
        Clock.Advance(TestInfrastructure.Timeout + TimeSpan.FromSeconds(1));   // past the caller's deadline, read from grpc-timeout
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.True(Retries(gateway) < new RetryOptions().MaxAttempts - 1);
    }

    [Fact]
    public async Task A_call_broken_off_by_the_service_is_repeated_only_when_it_carries_an_idempotency_key()
    {
        // Accepts every connection and closes it at once: whether the call reached the service is unknown.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var socket = await listener.AcceptSocketAsync(stop.Token);
                Interlocked.Increment(ref connections);
                socket.Close();
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var gateway = await GatewayHost.StartAsync(Probe.Address, Clock,
            new Dictionary<string, string?> { ["Gateway:Services:Awards"] = $"http://127.0.0.1:{port}", ["Gateway:Retry:MaxAttempts"] = "3" });
        var awards = new ProbeService.ProbeServiceClient(gateway.Channel.WithDeadlinesRequired());

        // Echo declares no idempotency level: without a key a repeat might do the work twice.
        var once = await Assert.ThrowsAsync<RpcException>(() => RunClockUntil(awards.EchoAsync(new EchoRequest(), gateway.As(People.Supplier)).ResponseAsync));
        Assert.Equal(StatusCode.Unavailable, once.StatusCode);
        Assert.Equal(0, Retries(gateway));

        var keyed = gateway.As(People.Supplier);
        keyed = keyed.WithHeaders([.. keyed.Headers!, new Metadata.Entry(Procurement.Hosting.Idempotency.IdempotencyKeys.Header, Guid.NewGuid().ToString())]);
        var repeated = await Assert.ThrowsAsync<RpcException>(() => RunClockUntil(awards.EchoAsync(new EchoRequest(), keyed).ResponseAsync));
        Assert.Equal(StatusCode.Unavailable, repeated.StatusCode);
        Assert.Equal(2, Retries(gateway));
        Assert.True(connections >= 3, $"{connections} connections");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting);
    }

    /// <summary>The gateway's "attempt n of m" lines: one per repeat.</summary>
    private static int Retries(GatewayHost gateway) =>
        gateway.Logs.Entries.Count(e => e.Category == typeof(ForwardingMiddleware).FullName && e.Message.StartsWith("Forwarding", StringComparison.Ordinal));

    /// <summary>Moves the gateway's clock past each backoff until the call ends.</summary>
    private async Task<T> RunClockUntil<T>(Task<T> call)
    {
        await Eventually.True(() =>
        {
            if (!call.IsCompleted) Clock.Advance(new RetryOptions().MaxBackoff);
            return call.IsCompleted;
        }, "the call ends");
        return await call;
    }

    [Fact]
    public async Task A_deadline_that_passes_while_the_service_holds_the_call_is_deadline_exceeded_from_the_gateway()
    {
        // The client's deadline is 30 s of real time; the gateway reads it from grpc-timeout and runs it on its own clock.
        var call = Awards.StallAsync(new EchoRequest { Text = "slow" }, Gateway.As(People.Supplier));
        await Eventually.True(() => Probe.Calls.Methods.Contains(Stall), "the service holds the call");

        Clock.Advance(TestInfrastructure.Timeout);
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Equal("The call's deadline passed before procurement.probe.v1.ProbeService answered.", failure.Status.Detail);
    }

    [Fact]
    public async Task A_call_the_client_cancels_is_logged_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var options = Gateway.As(People.Supplier).WithCancellationToken(cancel.Token);
        var call = Awards.StallAsync(new EchoRequest(), options);
        await Eventually.True(() => Probe.Calls.Methods.Contains(Stall), "the service holds the call");

        await cancel.CancelAsync();
        var failure = await Assert.ThrowsAsync<RpcException>(async () => await call);

        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        var entry = await Eventually.Single(() => Gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("1", entry.Values["GrpcStatus"]);
    }

    [Theory]
    [InlineData("2H", 2 * 3600_000.0)]
    [InlineData("30S", 30_000.0)]
    [InlineData("100m", 100.0)]
    [InlineData("5000u", 5.0)]
    [InlineData("1n", 0.0)]
    public void Grpc_timeout_is_read_in_every_unit(string header, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("10x")]
    [InlineData("99999999H")]
    public void A_grpc_timeout_that_is_absent_malformed_or_beyond_a_timer_is_no_deadline(string? header) =>
        Assert.Null(GrpcTimeout.Parse(header));
}
