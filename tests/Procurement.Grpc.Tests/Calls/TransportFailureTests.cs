using System.Net;
using System.Net.Sockets;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>How the client reports responses that carry no grpc-status, resets and dead servers.</summary>
public sealed class TransportFailureTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task Http_status_without_grpc_status_maps_to_a_grpc_code(int httpStatus, StatusCode expected)
    {
        var method = new Method<EchoRequest, EchoResponse>(MethodType.Unary, "plain.Http", httpStatus.ToString(), EchoRequest.Parser, EchoResponse.Parser);
        var error = await Wait.ForRpcException(() => server.Channel.CallInvoker.AsyncUnaryCall(method, default, new EchoRequest()).ResponseAsync);
        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(httpStatus.ToString(), error.Status.Detail);
    }

    [Theory]
    [InlineData(0x7, StatusCode.Unavailable)]        // REFUSED_STREAM
    [InlineData(0x8, StatusCode.Cancelled)]          // CANCEL
    [InlineData(0xB, StatusCode.ResourceExhausted)]  // ENHANCE_YOUR_CALM
    [InlineData(0xC, StatusCode.PermissionDenied)]   // INADEQUATE_SECURITY
    [InlineData(0x2, StatusCode.Internal)]           // INTERNAL_ERROR
    public async Task Stream_reset_by_the_server_maps_to_a_grpc_code(int http2Error, StatusCode expected)
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        var error = await Wait.ForRpcException(() =>
            client.FailAsync(new FailRequest { Kind = FailRequest.Types.Kind.ResetStream, Code = http2Error }).ResponseAsync);
        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Server_that_is_not_there_is_unavailable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new RuntimeTest.RuntimeTestClient(channel);
        var error = await Wait.ForRpcException(() => client.EchoAsync(new EchoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public void Channel_refuses_an_address_that_is_not_http()
    {
        var error = Assert.Throws<ArgumentException>(() => GrpcChannel.ForAddress("dns:///tender-service:5000"));
        Assert.Contains("http://", error.Message);
    }
}
