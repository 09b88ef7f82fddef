using Google.Protobuf;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>A server that sends at most 1,000 bytes a message.</summary>
public sealed class SmallSendLimitServer : GrpcTestServer
{
    public SmallSendLimitServer() => Configure = options => options.MaxSendMessageSize = 1000;
}

public sealed class LimitsTests(GrpcTestServer server, SmallSendLimitServer limited)
    : IClassFixture<GrpcTestServer>, IClassFixture<SmallSendLimitServer>
{
    private static EchoRequest WithBlob(int size) => new() { Blob = ByteString.CopyFrom(new byte[size]) };

    [Fact]
    public async Task Request_over_the_servers_4MB_default_is_resource_exhausted()
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        var error = await Wait.ForRpcException(() => client.EchoAsync(WithBlob(4 * 1024 * 1024 + 1)).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_just_under_the_limit_is_accepted()
    {
        var client = new RuntimeTest.RuntimeTestClient(server.Channel);
        // The echo adds a few dozen bytes of metadata strings; both directions stay under 4 MB.
        var response = await client.EchoAsync(WithBlob(4 * 1024 * 1024 - 200)).ResponseAsync.Bounded();
        Assert.Equal(4 * 1024 * 1024 - 200, response.Blob.Length);
    }

    [Fact]
    public async Task Response_over_the_clients_receive_limit_is_resource_exhausted()
    {
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 10_000 });
        var client = new RuntimeTest.RuntimeTestClient(channel);
        var error = await Wait.ForRpcException(() => client.EchoAsync(new EchoRequest { ResponseSize = 20_000 }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Request_over_the_clients_send_limit_fails_before_reaching_the_server()
    {
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });
        var client = new RuntimeTest.RuntimeTestClient(channel);
        var before = server.Observations.FailCalls;
        var error = await Wait.ForRpcException(() => client.FailAsync(new FailRequest { Message = new string('x', 500) }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(before, server.Observations.FailCalls);
    }

    [Fact]
    public async Task Response_over_the_servers_send_limit_is_resource_exhausted()
    {
        var client = new RuntimeTest.RuntimeTestClient(limited.Channel);
        Assert.Equal(900, (await client.EchoAsync(new EchoRequest { ResponseSize = 900 }).ResponseAsync.Bounded()).Blob.Length);
        var error = await Wait.ForRpcException(() => client.EchoAsync(new EchoRequest { ResponseSize = 5000 }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
