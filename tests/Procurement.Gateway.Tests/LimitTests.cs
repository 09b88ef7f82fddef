using Google.Protobuf;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Configuration;

namespace Procurement.Gateway.Tests;

public sealed class LimitTests : ProbeGatewayTestBase
{
    private const int Permits = 3;
    private const int OfficerPermits = 6;
    private const int MaxRequestBodySize = 16 * 1024;

    // A window far longer than the test, so that no replenishment happens while it runs.
    protected override IDictionary<string, string?> GatewayConfiguration => new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitLimit"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:Window"] = "01:00:00",
        // Whatever appsettings.json lands in the test's output, suppliers get the default here.
        ["Gateway:RateLimit:Roles:supplier"] = "1",
        ["Gateway:RateLimit:Roles:procurement_officer"] = OfficerPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        Assert.Matches($@"^Too many calls: at most {Permits} every 3600 s for you\. Try again in \d+ s\.$", failure.Status.Detail);
        // gRPC's own signal of when to retry (A6), in milliseconds: the rest of the window.
        var pushback = long.Parse(failure.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pushback, 1, 3_600_000);
        Assert.Equal("tia", tia.Text);
        Assert.Equal(Permits + 1, Probe.Calls.Methods.Count);
    }

    [Fact]
    public async Task A_role_with_a_larger_limit_gets_it()
    {
        var officer = Gateway.As(People.Officer);
        for (var i = 0; i < OfficerPermits; i++) await Awards.EchoAsync(new EchoRequest { Text = "ok" }, Gateway.As(People.Officer));

        var failure = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), officer));

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.StartsWith($"Too many calls: at most {OfficerPermits} every 3600 s for you.", failure.Status.Detail);
    }

    [Theory]
    [InlineData("procurement_oficer", 10, "names no role")]
    [InlineData("supplier", 0, "must be at least 1")]
    public void A_limit_for_an_unknown_role_or_below_one_stops_the_gateway_saying_which(string role, int limit, string expected)
    {
        var options = new Procurement.Gateway.RateLimitOptions();
        options.Roles[role] = limit;
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains($"Gateway:RateLimit:Roles:{role}", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_shipped_limits_fit_a_working_day_a_caller_gets_the_most_generous_of_its_roles()
    {
        var options = new Procurement.Gateway.RateLimitOptions();
        new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Procurement.Testing.TestInfrastructure.RepositoryRoot, "gateway", "Procurement.Gateway", "appsettings.json")).Build()
            .GetSection("Gateway:RateLimit").Bind(options);
        options.Validate();
        Assert.Equal(TimeSpan.FromMinutes(1), options.Window);
        // An officer scripting a procurement: 50 calls a second on average, every second of the minute.
        Assert.Equal(3000, options.LimitFor(["procurement_officer"]));
        Assert.Equal(1200, options.LimitFor(["supplier", "evaluator"]));
        Assert.Equal(options.PermitLimit, options.LimitFor([]));
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
    public async Task Request_over_the_size_limit_in_several_small_messages_is_resource_exhausted_and_never_forwarded()
    {
        // Each message's prefix is within the limit; together they are not (Kestrel's limit, which the gateway keeps).
        var message = RawHttp2.Frame(new EchoRequest { Padding = ByteString.CopyFrom(new byte[MaxRequestBodySize / 2]) });
        using var http = new HttpClient();
        using var request = RawHttp2.Post(Gateway.GrpcAddress, "/procurement.probe.v1.ProbeService/Echo",
            new UnsizedContent([.. message, .. message, .. message]), "application/grpc", Gateway.As(People.Supplier).Headers!.GetValue("authorization"));

        using var response = await http.SendAsync(request, new CancellationTokenSource(TestInfrastructure.Timeout).Token);

        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture), RawHttp2.GrpcStatus(response));
        Assert.Contains($"{MaxRequestBodySize} bytes", RawHttp2.GrpcMessage(response));
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
