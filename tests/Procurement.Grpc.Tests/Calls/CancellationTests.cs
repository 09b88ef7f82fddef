using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

public sealed class CancellationTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private readonly RuntimeTest.RuntimeTestClient _client = new(server.Channel);

    [Fact]
    public async Task Client_cancellation_reports_cancelled_and_fires_the_handlers_token()
    {
        server.Observations.Reset();
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamThenSleep(new Count(), new CallOptions(cancellationToken: cts.Token));
        Assert.True(await call.ResponseStream.MoveNext().Bounded()); // the handler is running now
        await cts.CancelAsync();
        var error = await Wait.ForRpcException(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, await server.Observations.SleepEnded.Task.Bounded());
    }

    [Fact]
    public async Task Disposing_a_running_call_cancels_it_on_the_server()
    {
        server.Observations.Reset();
        var call = _client.StreamThenSleep(new Count());
        Assert.True(await call.ResponseStream.MoveNext().Bounded());
        call.Dispose();
        Assert.Equal(StatusCode.Cancelled, await server.Observations.SleepEnded.Task.Bounded());
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_MoveNext_token_cancels_the_call()
    {
        using var cts = new CancellationTokenSource();
        using var call = _client.StreamThenSleep(new Count());
        Assert.True(await call.ResponseStream.MoveNext().Bounded());
        var next = call.ResponseStream.MoveNext(cts.Token);
        await cts.CancelAsync();
        var error = await Wait.ForRpcException(() => next);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_before_sending_fails_with_cancelled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var error = await Wait.ForRpcException(() => _client.EchoAsync(new EchoRequest(), new CallOptions(cancellationToken: cts.Token)).ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
