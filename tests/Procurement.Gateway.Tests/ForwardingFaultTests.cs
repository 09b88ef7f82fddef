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
    public async Task A_service_that_refuses_connections_is_unavailable_saying_to_try_again_without_its_address()
    {
        var nobody = TestInfrastructure.FreePort();
        await using var gateway = await GatewayHost.StartAsync(Probe.Address, Clock,
            new Dictionary<string, string?> { ["Gateway:Services:Awards"] = $"http://127.0.0.1:{nobody}" });
        var awards = new ProbeService.ProbeServiceClient(gateway.Channel.WithDeadlinesRequired());

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await awards.EchoAsync(new EchoRequest(), gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("procurement.probe.v1.ProbeService is not accepting connections (it may be down or restarting); try again shortly.", failure.Status.Detail);
        Assert.DoesNotContain(nobody.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Status.Detail);
        var entry = await Eventually.Single(() => gateway.AccessLog.SingleOrDefault(), "the access log entry");
        Assert.Equal("14", entry.Values["GrpcStatus"]);
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
