using Google.Protobuf;
using Grpc.Testing;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

public sealed class CompressionTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private const string UnaryCallPath = "/grpc.testing.TestService/UnaryCall";

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Compressed_request_is_decompressed_by_the_server(string encoding)
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        var text = string.Concat(Enumerable.Repeat("Victim Support ", 1000));
        var response = await client.EchoAsync(new EchoRequest { Text = text }, new CallOptions { RequestEncoding = encoding }).ResponseAsync.Bounded();
        Assert.Equal(text, response.Text);
        Assert.True(response.RequestCompressed);
    }

    [Fact]
    public async Task Uncompressed_request_is_seen_as_such()
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        var response = await client.EchoAsync(new EchoRequest { Text = "plain" }).ResponseAsync.Bounded();
        Assert.False(response.RequestCompressed);
    }

    [Fact]
    public async Task Unsupported_request_encoding_is_refused_by_the_client()
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        var error = await Wait.ForRpcException(() => client.EchoAsync(new EchoRequest(), new CallOptions { RequestEncoding = "br" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Server_compresses_the_response_when_the_client_accepts_gzip()
    {
        var request = RawGrpc.Request(server.Address, UnaryCallPath, RawGrpc.Frame(CompressedResponseRequest()));
        request.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        using var response = await server.Raw.SendAsync(request).Bounded();
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("gzip", RawGrpc.Header(response.Headers, "grpc-encoding"));
        Assert.Equal(1, body[0]);
        Assert.True(body.Length < 1000, $"a compressed 10,000-byte payload of zeros should be small, was {body.Length}");
    }

    [Fact]
    public async Task Server_does_not_compress_for_a_client_that_does_not_accept_it()
    {
        using var response = await server.Raw.SendAsync(RawGrpc.Request(server.Address, UnaryCallPath, RawGrpc.Frame(CompressedResponseRequest()))).Bounded();
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Null(RawGrpc.Header(response.Headers, "grpc-encoding"));
        Assert.Equal(0, body[0]);
        Assert.Equal("0", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Client_reads_compressed_responses()
    {
        var client = new TestService.TestServiceClient(server.Channel);
        var response = await client.UnaryCallAsync(CompressedResponseRequest()).ResponseAsync.Bounded();
        Assert.Equal(10_000, response.Payload.Body.Length);
    }

    private static SimpleRequest CompressedResponseRequest() => new()
    {
        ResponseSize = 10_000,
        ResponseCompressed = new BoolValue { Value = true },
        Payload = new Payload { Body = ByteString.Empty },
    };
}
