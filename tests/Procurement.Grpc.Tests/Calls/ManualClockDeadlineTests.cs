using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;
using Procurement.Testing;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>A server whose deadlines run on a clock the test moves.</summary>
public sealed class ManualClockServer : GrpcTestServer
{
    public ManualTimeProvider Clock { get; } = new();

    public ManualClockServer() => Configure = options => options.TimeProvider = Clock;
}

/// <summary>Deadlines driven by an injected TimeProvider: no real time passes.</summary>
public sealed class ManualClockDeadlineTests(ManualClockServer server) : IClassFixture<ManualClockServer>
{
    [Fact]
    public async Task Server_deadline_fires_when_its_clock_reaches_the_grpc_timeout()
    {
        server.Observations.Reset();
        using var request = RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Sleep", RawGrpc.Frame(new EchoRequest()));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "10S");
        var responseTask = server.Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await server.Observations.SleepStarted.Task.Bounded();

        server.Clock.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(server.Observations.SleepEnded.Task.IsCompleted);
        Assert.False(responseTask.IsCompleted);

        server.Clock.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await responseTask.Bounded();
        await response.Content.ReadAsByteArrayAsync().Bounded();
        Assert.Equal("4", RawGrpc.StatusOf(response));
        Assert.Equal(StatusCode.DeadlineExceeded, await server.Observations.SleepEnded.Task.Bounded());
    }

    [Fact]
    public async Task Client_deadline_fires_when_the_channels_clock_reaches_it()
    {
        var clientClock = new ManualTimeProvider();
        using var channel = server.CreateChannel(new GrpcChannelOptions { TimeProvider = clientClock });
        var client = new RuntimeTest.RuntimeTestClient(channel);
        server.Observations.Reset();

        var deadline = clientClock.GetUtcNow().UtcDateTime.AddMinutes(1);
        var call = client.SleepAsync(new EchoRequest(), new CallOptions(deadline: deadline)).ResponseAsync;
        await server.Observations.SleepStarted.Task.Bounded();
        Assert.False(call.IsCompleted);

        clientClock.Advance(TimeSpan.FromMinutes(1));
        var error = await Wait.ForRpcException(() => call);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        // The reset reached the server: its handler was cancelled although its own clock never moved.
        Assert.Equal(StatusCode.Cancelled, await server.Observations.SleepEnded.Task.Bounded());
    }
}
