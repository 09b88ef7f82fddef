using Google.Protobuf;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

public sealed class LimitTests : ProbeGatewayTestBase
{
    private const int Permits = 3;
    private const int MaxRequestBodySize = 16 * 1024;

    // A window far longer than the test, so that no replenishment happens while it runs.
    protected override IDictionary<string, string?> GatewayConfiguration => new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitLimit"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:Window"] = "01:00:00",
        ["Gateway:MaxRequestBodySize"] = MaxRequestBodySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Caller_over_the_rate_limit_is_resource_exhausted_while_another_caller_still_passes()
    {
        var sam = Gateway.As(People.Supplier);
        for (var i = 0; i < Permits; i++) await Awards.EchoAsync(new EchoRequest { Text = "ok" }, sam);

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), Gateway.As(People.Supplier)));
        var tia = await Awards.EchoAsync(new EchoRequest { Text = "tia" }, Gateway.As(People.OtherSupplier));

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.StartsWith($"Too many calls: at most {Permits} every 3600 s per caller.", failure.Status.Detail);
        Assert.Equal("tia", tia.Text);
        Assert.Equal(Permits + 1, Probe.Calls.Methods.Count);
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_limited_by_address()
    {
        for (var i = 0; i < Permits; i++)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), Anonymous));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        var limited = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), Anonymous));

        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
    }

    [Fact]
    public async Task Oversize_request_is_resource_exhausted_and_never_forwarded()
    {
        var large = new EchoRequest { Padding = ByteString.CopyFrom(new byte[MaxRequestBodySize + 1]) };

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(large, Gateway.As(People.Supplier)));

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Contains($"at most {MaxRequestBodySize} bytes", failure.Status.Detail);
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Request_under_the_size_limit_passes()
    {
        var reply = await Awards.EchoAsync(new EchoRequest { Text = "fits", Padding = ByteString.CopyFrom(new byte[MaxRequestBodySize - 100]) },
            Gateway.As(People.Supplier));

        Assert.Equal("fits", reply.Text);
    }
}
