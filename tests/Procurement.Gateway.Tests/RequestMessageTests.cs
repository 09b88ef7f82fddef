using System.Net;
using Microsoft.Extensions.Logging;
using Procurement.Gateway.Tests.Probe;
using Procurement.Gateway.Tests.Support;
using Grpc.Core;

namespace Procurement.Gateway.Tests;

/// <summary>The gateway receives a call's request message whole, within its size and time limits, before forwarding it.</summary>
public sealed class RequestMessageTests : ProbeGatewayTestBase
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(7);

    protected override IDictionary<string, string?> GatewayConfiguration => new Dictionary<string, string?>
    {
        ["Gateway:RequestMessageTimeout"] = MessageTimeout.ToString(),
    };

    [Fact]
    public async Task Forwarded_calls_log_no_warning_about_the_request_body_size_limit()
    {
        await Awards.EchoAsync(new EchoRequest { Text = "one" }, Gateway.As(People.Supplier));
        using var stream = Awards.Count(new CountRequest { UpTo = 3 }, Gateway.As(People.Supplier));
        await foreach (var _ in stream.ResponseStream.ReadAllAsync()) { }
        await Awards.EchoAsync(new EchoRequest { Text = "two" }, Gateway.As(People.Supplier));

        await Eventually.True(() => Gateway.AccessLog.Count() == 3, "three access log entries");
        Assert.DoesNotContain(Gateway.Logs.Entries, e => e.Message.Contains("max request body size", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Gateway.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Yarp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_whose_body_stalls_is_deadline_exceeded_after_the_time_limit_and_never_forwarded()
    {
        var frame = RawHttp2.Frame(new EchoRequest { Text = "a message that never ends", Padding = Google.Protobuf.ByteString.CopyFrom(new byte[200]) });
        using var body = new StallingContent(frame[..40]);
        using var http = new HttpClient();
        var timersBefore = Clock.PendingTimers;
        using var request = RawHttp2.Post(Gateway.GrpcAddress, "/procurement.probe.v1.ProbeService/Echo", body, "application/grpc",
            Gateway.As(People.Supplier).Headers!.GetValue("authorization"));
        using var bound = new CancellationTokenSource(TestInfrastructure.Timeout);

        var responding = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
        await body.Sent;
        await Eventually.True(() => Clock.PendingTimers > timersBefore, "the gateway waits for the rest of the message");
        Clock.Advance(MessageTimeout);
        using var response = await responding;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(((int)StatusCode.DeadlineExceeded).ToString(System.Globalization.CultureInfo.InvariantCulture), RawHttp2.GrpcStatus(response));
        Assert.Equal("The request message did not arrive within 7 s (40 bytes came); the gateway waits no longer for a request.", RawHttp2.GrpcMessage(response));
        Assert.Empty(Probe.Calls.Methods);

        // The stream was refused, not the connection: the next call on it passes.
        using var next = RawHttp2.Post(Gateway.GrpcAddress, "/procurement.probe.v1.ProbeService/Echo", new UnsizedContent(frame), "application/grpc",
            Gateway.As(People.Supplier).Headers!.GetValue("authorization"));
        using var answered = await http.SendAsync(next, bound.Token);
        await answered.Content.ReadAsByteArrayAsync(bound.Token);
        Assert.Equal("0", RawHttp2.GrpcStatus(answered));
    }
}
