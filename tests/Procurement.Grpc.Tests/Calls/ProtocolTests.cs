using System.Net;
using System.Net.Http.Headers;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>What the server answers to requests no conforming client sends.</summary>
public sealed class ProtocolTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private const string EchoPath = "/procurement.testing.v1.RuntimeTest/Echo";

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var response = await server.Raw.SendAsync(request).Bounded();
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }

    [Fact]
    public async Task Wrong_content_type_gets_http_415()
    {
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, RawGrpc.Frame(new EchoRequest()), "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Grpc_plus_proto_content_type_is_accepted()
    {
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, RawGrpc.Frame(new EchoRequest()), "application/grpc+proto"));
        Assert.Equal("0", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Http1_request_gets_http_426()
    {
        using var http1 = new HttpClient();
        using var content = new ByteArrayContent(RawGrpc.Frame(new EchoRequest()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await http1.PostAsync(new Uri(server.Http1Address, EchoPath), content).Bounded();
        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_grpc_encoding_is_unimplemented_and_names_the_supported_ones()
    {
        var request = RawGrpc.Request(server.Address, EchoPath, RawGrpc.Frame(new EchoRequest()));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");
        using var response = await SendAsync(request);
        Assert.Equal("12", RawGrpc.StatusOf(response));
        Assert.Contains("gzip", RawGrpc.Header(response.Headers, "grpc-accept-encoding"));
    }

    [Fact]
    public async Task Unparsable_message_is_internal()
    {
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, RawGrpc.Frame([0xff, 0xff, 0xff, 0xff])));
        Assert.Equal("13", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Unary_call_without_a_message_is_internal()
    {
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, []));
        Assert.Equal("13", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Unary_call_with_two_messages_is_internal()
    {
        var frame = RawGrpc.Frame(new EchoRequest { Text = "once" });
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, [.. frame, .. frame]));
        Assert.Equal("13", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Compressed_flag_without_an_encoding_is_internal()
    {
        using var response = await SendAsync(RawGrpc.Request(server.Address, EchoPath, RawGrpc.Frame(new EchoRequest { Text = "x" }, flag: 1)));
        Assert.Equal("13", RawGrpc.StatusOf(response));
    }

    [Fact]
    public async Task Oversized_length_prefix_is_refused_before_the_payload_is_sent()
    {
        // Only the 5-byte prefix goes out, claiming 100 MB; the request body stays open.
        var content = new HeldOpenContent([0, 0x06, 0x40, 0, 0]);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, EchoPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        using var response = await server.Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Bounded();
        await response.Content.ReadAsByteArrayAsync().Bounded();
        Assert.Equal("8", RawGrpc.StatusOf(response));
        Assert.False(content.Released.Task.IsCompleted);
        content.Released.TrySetResult();
    }

    /// <summary>Writes its bytes, then keeps the request body open until released.</summary>
    private sealed class HeldOpenContent : HttpContent
    {
        private readonly byte[] _bytes;

        public HeldOpenContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes);
            await stream.FlushAsync();
            await Released.Task.WaitAsync(Wait.Bound).ContinueWith(_ => { });
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
