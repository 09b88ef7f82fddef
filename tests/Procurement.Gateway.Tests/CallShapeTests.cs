using System.Net;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

/// <summary>
/// Before any token is read: on a routed path only a gRPC call over HTTP/2 passes, and a call's headers are held to
/// Gateway:Headers, refusing that one call with a status while the other calls on its connection carry on.
/// </summary>
public sealed class CallShapeTests : ProbeGatewayTestBase
{
    private const string Echo = "/procurement.probe.v1.ProbeService/Echo";

    public static TheoryData<string, string, bool> NotCalls => new()
    {
        { Echo, "application/json", true },
        { Echo, "application/json", false },
        { Echo, "text/plain", true },
        // Declared anonymous (bid.proto): routed without a token, but still only as a gRPC call.
        { "/procurement.bid.v1.BidService/ListReceiptKeys", "application/json", false },
    };

    [Theory]
    [MemberData(nameof(NotCalls))]
    public async Task A_request_that_is_not_a_grpc_call_is_415_with_a_short_text_and_never_forwarded(string path, string contentType, bool withToken)
    {
        using var http = new HttpClient();
        using var request = RawHttp2.Post(Gateway.GrpcAddress, path, new ByteArrayContent(RawHttp2.Frame(new EchoRequest { Text = "x" })), contentType,
            withToken ? Gateway.As(People.Supplier).Headers!.GetValue("authorization") : null);

        using var response = await http.SendAsync(request, new CancellationTokenSource(TestInfrastructure.Timeout).Token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("This path takes gRPC calls only: POST with content-type application/grpc over HTTP/2.\n", await response.Content.ReadAsStringAsync());
        // A service's own 415 would carry a grpc-status: this one never left the gateway.
        Assert.Null(RawHttp2.GrpcStatus(response));
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task A_grpc_web_request_is_unimplemented_as_a_grpc_status()
    {
        using var http = new HttpClient();
        using var request = RawHttp2.Post(Gateway.GrpcAddress, Echo, new ByteArrayContent(RawHttp2.Frame(new EchoRequest())), "application/grpc-web",
            Gateway.As(People.Supplier).Headers!.GetValue("authorization"));

        using var response = await http.SendAsync(request, new CancellationTokenSource(TestInfrastructure.Timeout).Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", RawHttp2.GrpcStatus(response));
        Assert.Contains("gRPC-Web and other variants are not", RawHttp2.GrpcMessage(response));
        Assert.Empty(Probe.Calls.Methods);
    }

    [Fact]
    public async Task Oversize_headers_refuse_their_own_call_while_a_call_beside_them_on_the_channel_carries_on()
    {
        var held = Awards.StallAsync(new EchoRequest { Text = "still here" }, Gateway.As(People.Supplier));
        await Eventually.True(() => Probe.Calls.Methods.Contains("/procurement.probe.v1.ProbeService/Stall"), "the service holds the first call");

        var manyHeaders = Gateway.As(People.Supplier);
        for (var i = 0; i < 150; i++) manyHeaders.Headers!.Add($"x-extra-{i}", "v");
        var tooMany = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), manyHeaders));
        var hugeToken = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EchoAsync(new EchoRequest(), WithAuthorization("Bearer " + new string('a', 100_000))));
        var bigHeader = Gateway.As(People.Supplier);
        bigHeader.Headers!.Add("x-note", new string('n', 20_000));
        var tooBig = await Assert.ThrowsAsync<RpcException>(async () => await Awards.EchoAsync(new EchoRequest(), bigHeader));
        Probe.Calls.Release();
        var reply = await held;

        Assert.Equal(StatusCode.ResourceExhausted, tooMany.StatusCode);
        Assert.Matches(@"^The call has 1\d\d header fields; the gateway accepts at most 100\.$", tooMany.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, hugeToken.StatusCode);
        Assert.Equal("The bearer token is 100007 bytes; the gateway accepts at most 16384.", hugeToken.Status.Detail);
        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);
        Assert.Equal("The header 'x-note' is 20000 bytes; the gateway accepts at most 16384 per header.", tooBig.Status.Detail);
        Assert.Equal("still here", reply.Text);
        Assert.Equal(["/procurement.probe.v1.ProbeService/Stall"], Probe.Calls.Methods);
    }

    [Fact]
    public async Task A_token_at_the_limit_still_passes()
    {
        var token = Gateway.As(People.Supplier).Headers!.GetValue("authorization")!;
        // A JWT with extra, ignored bytes would not validate; a header at the limit must reach the token check, not be refused by size.
        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
            await Awards.EchoAsync(new EchoRequest(), WithAuthorization(token + new string('a', 16_384 - token.Length))));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.DoesNotContain("bytes", failure.Status.Detail);
    }
}
