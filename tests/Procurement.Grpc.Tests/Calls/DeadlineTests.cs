using System.Globalization;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;

namespace Procurement.Grpc.Tests.Calls;

public sealed class DeadlineTests(GrpcTestServer server) : IClassFixture<GrpcTestServer>
{
    private readonly RuntimeTest.RuntimeTestClient _client = new(server.Channel);

    [Fact]
    public async Task Deadline_ends_the_call_with_deadline_exceeded_and_cancels_the_handler()
    {
        server.Observations.Reset();
        var deadline = DateTime.UtcNow.AddMilliseconds(200);
        var error = await Wait.ForRpcException(() => _client.SleepAsync(new EchoRequest(), new CallOptions(deadline: deadline)).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        // The client's own timer usually fires first and resets the stream; either way the handler's token fires.
        Assert.NotNull(await server.Observations.SleepEnded.Task.Bounded());
    }

    [Fact]
    public async Task Handler_sees_the_deadline_the_client_set()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var response = await _client.EchoAsync(new EchoRequest(), new CallOptions(deadline: deadline)).ResponseAsync.Bounded();
        var seen = DateTime.Parse(response.Deadline, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.InRange(seen, deadline.AddSeconds(-2), deadline.AddSeconds(2));
    }

    [Fact]
    public async Task Call_without_deadline_has_none_on_the_server()
    {
        var response = await _client.EchoAsync(new EchoRequest()).ResponseAsync.Bounded();
        Assert.Equal("", response.Deadline);
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_calling_the_server()
    {
        var before = server.Observations.FailCalls;
        var error = await Wait.ForRpcException(() =>
            _client.FailAsync(new FailRequest(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))).ResponseAsync);
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal(before, server.Observations.FailCalls);
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_by_itself_and_sends_deadline_exceeded()
    {
        // A raw client with no timer of its own: only the server can end this call.
        server.Observations.Reset();
        using var request = RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/Sleep", RawGrpc.Frame(new EchoRequest()));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "150m");
        using var response = await server.Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Bounded();
        await response.Content.ReadAsByteArrayAsync().Bounded();
        Assert.Equal("4", RawGrpc.StatusOf(response));
        Assert.Equal(StatusCode.DeadlineExceeded, await server.Observations.SleepEnded.Task.Bounded());
    }

    [Fact]
    public async Task Deadline_during_a_response_stream_ends_it_with_deadline_exceeded()
    {
        using var call = _client.StreamThenSleep(new Count(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)));
        Assert.True(await call.ResponseStream.MoveNext().Bounded());
        Assert.Equal(1, call.ResponseStream.Current.Value);
        var error = await Wait.ForRpcException(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Server_deadline_sends_status_in_trailers_and_drops_later_writes()
    {
        server.Observations.Reset();
        using var request = RawGrpc.Request(server.Address, "/procurement.testing.v1.RuntimeTest/StreamThenSleep", RawGrpc.Frame(new Count()));
        request.Headers.TryAddWithoutValidation("grpc-timeout", "200m");
        using var response = await server.Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).Bounded();
        var body = await ReadUntilEndOrResetAsync(response);
        Assert.Equal(7, body.Length); // exactly one framed Count{value=1}: the late write was dropped
        Assert.Null(RawGrpc.Header(response.Headers, "grpc-status"));
        Assert.Equal("4", RawGrpc.Header(response.TrailingHeaders, "grpc-status"));
        Assert.Equal("returned", await server.Observations.LateWrite.Task.Bounded());
    }

    private static async Task<byte[]> ReadUntilEndOrResetAsync(HttpResponseMessage response)
    {
        using var buffer = new MemoryStream();
        var stream = await response.Content.ReadAsStreamAsync();
        try
        {
            await stream.CopyToAsync(buffer).Bounded();
        }
        catch (HttpRequestException)
        {
            // RST_STREAM(CANCEL) after the trailers may surface as an error on some paths.
        }
        catch (IOException)
        {
        }
        return buffer.ToArray();
    }
}
