using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

public sealed class CallKindsTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private readonly RuntimeTest.RuntimeTestClient _client = new(server.Channel);

    [Fact]
    public async Task Unary_call_returns_the_response_and_status_ok()
    {
        using var call = _client.EchoAsync(new EchoRequest { Text = "Kent and Essex" });
        var response = await call.ResponseAsync.Bounded();
        Assert.Equal("Kent and Essex", response.Text);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_call_delivers_every_message_in_order()
    {
        using var call = _client.CountUp(new Count { Value = 50 });
        var values = new List<int>();
        await foreach (var count in call.ResponseStream.ReadAllAsync().WithCancellation(CancellationToken.None)) values.Add(count.Value);
        Assert.Equal(Enumerable.Range(1, 50), values);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_call_receives_every_request_message()
    {
        using var call = _client.Sum();
        for (var i = 1; i <= 100; i++) await call.RequestStream.WriteAsync(new Count { Value = i }).Bounded();
        await call.RequestStream.CompleteAsync();
        var total = await call.ResponseAsync.Bounded();
        Assert.Equal(5050, total.Value);
    }

    [Fact]
    public async Task Duplex_call_answers_each_message_before_the_next_is_sent()
    {
        using var call = _client.Echoes();
        foreach (var word in new[] { "tender", "lot", "bid" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = word }).Bounded();
            Assert.True(await call.ResponseStream.MoveNext().Bounded());
            Assert.Equal(word, call.ResponseStream.Current.Text);
        }
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext().Bounded());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_calls_share_the_channel()
    {
        var calls = Enumerable.Range(0, 300)
            .Select(i => _client.EchoAsync(new EchoRequest { Text = i.ToString() }).ResponseAsync)
            .ToArray();
        var responses = await Task.WhenAll(calls).Bounded();
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString()), responses.Select(r => r.Text));
    }

    [Fact]
    public async Task Text_and_binary_metadata_reach_the_server_and_reserved_headers_do_not()
    {
        var headers = new Metadata()
            .Add("x-commissioner", "kent")
            .Add("x-digest-bin", [0x00, 0xff, 0x10, 0x80]);
        var response = await _client.EchoAsync(new EchoRequest(), new CallOptions(headers)).ResponseAsync.Bounded();
        Assert.Contains("x-commissioner: kent", response.SeenMetadata);
        Assert.Contains("x-digest-bin: " + Convert.ToBase64String([0x00, 0xff, 0x10, 0x80]), response.SeenMetadata);
        Assert.DoesNotContain(response.SeenMetadata, m => m.StartsWith("grpc-", StringComparison.Ordinal) || m.StartsWith("te:", StringComparison.Ordinal) || m.StartsWith("content-type:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Response_headers_and_trailers_carry_metadata_back()
    {
        using var call = _client.FailAsync(new FailRequest { Kind = FailRequest.Types.Kind.RpcException, Code = (int)StatusCode.NotFound, Message = "no such tender", WriteHeadersFirst = true });
        await Wait.ForRpcException(() => call.ResponseAsync);
        var headers = await call.ResponseHeadersAsync.Bounded();
        Assert.Equal("yes", headers.GetValue("x-early"));
        Assert.Equal("from-context", call.GetTrailers().GetValue("x-trailer"));
        Assert.Equal("from-exception", call.GetTrailers().GetValue("x-detail"));
    }

    [Fact]
    public async Task Malformed_metadata_from_a_peer_does_not_fail_the_call()
    {
        var request = RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Echo", RawGrpc.Frame(new EchoRequest { Text = "ok" }));
        request.Headers.TryAddWithoutValidation("x-broken-bin", "not base64 at all!");
        request.Headers.TryAddWithoutValidation("x-good-bin", "AQID");
        request.Headers.TryAddWithoutValidation("x-note", "a\tb"); // HTAB: valid HTTP, not printable ASCII
        using var response = await server.Raw.SendAsync(request).Bounded();
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("0", RawGrpc.StatusOf(response));
        var echoed = EchoResponse.Parser.ParseFrom(body.AsSpan(5));
        Assert.Contains("x-good-bin: AQID", echoed.SeenMetadata);
        Assert.Contains("x-note: a\tb", echoed.SeenMetadata);
        Assert.DoesNotContain(echoed.SeenMetadata, m => m.StartsWith("x-broken-bin", StringComparison.Ordinal));
    }
}
