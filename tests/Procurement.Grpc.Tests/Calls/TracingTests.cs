using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Grpc.Tests.Protos;
using Procurement.Grpc.Tests.Support;
using Procurement.Testing;

namespace Procurement.Grpc.Tests.Calls;

/// <summary>What the handler saw as the current activity, by the Echo request's text.</summary>
public sealed class SeenActivities
{
    public ConcurrentDictionary<string, Activity?> ByText { get; } = new();
}

public sealed class ActivityRecordingInterceptor(SeenActivities seen) : ServerInterceptor
{
    public override Task<TResponse> UnaryAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerHandler<TRequest, TResponse> next)
    {
        if (request is EchoRequest echo) seen.ByText[echo.Text] = Activity.Current;
        return next(request, context);
    }
}

public sealed class TracingServer : GrpcTestServer
{
    public SeenActivities Seen { get; } = new();

    public TracingServer()
    {
        Configure = options => options.AddInterceptor<ActivityRecordingInterceptor>();
        ConfigureServices = services => services.AddSingleton(Seen);
    }
}

/// <summary>W3C trace context across a call: the client's span is the server span's parent; status on both.</summary>
public sealed class TracingTests : IClassFixture<TracingServer>, IDisposable
{
    private static readonly ActivitySource TestSource = new("Procurement.Grpc.Tests.Tracing");
    private readonly TracingServer _server;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests(TracingServer server)
    {
        _server = server;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GrpcDiagnostics.SourceName or "Procurement.Grpc.Tests.Tracing",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private RuntimeTest.RuntimeTestClient Client => new(_server.Channel);

    private Task<Activity> SpanAsync(ActivityTraceId trace, ActivityKind kind, string name) => Eventually.Single(
        () => _stopped.FirstOrDefault(a => a.TraceId == trace && a.Kind == kind && a.DisplayName == name),
        $"a {kind} span {name} in trace {trace}");

    [Fact]
    public async Task Server_span_continues_the_callers_trace_as_a_child_of_the_client_span()
    {
        using var request = TestSource.StartActivity("a request")!;
        var text = "traced-" + Guid.NewGuid();
        await Client.EchoAsync(new EchoRequest { Text = text });

        const string name = "procurement.testing.v1.RuntimeTest/Echo";
        var client = await SpanAsync(request.TraceId, ActivityKind.Client, name);
        var server = await SpanAsync(request.TraceId, ActivityKind.Server, name);
        Assert.Equal(request.SpanId, client.ParentSpanId);
        Assert.Equal(client.SpanId, server.ParentSpanId);
        Assert.True(server.HasRemoteParent);
        Assert.Same(server, _server.Seen.ByText[text]); // current while the handler runs, so logs carry its ids
        Assert.Equal("grpc", server.GetTagItem("rpc.system"));
        Assert.Equal("procurement.testing.v1.RuntimeTest", server.GetTagItem("rpc.service"));
        Assert.Equal("Echo", server.GetTagItem("rpc.method"));
        Assert.Equal(0, server.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(0, client.GetTagItem("rpc.grpc.status_code"));
        Assert.Same(request, Activity.Current); // the caller's current activity is left as it was
    }

    [Fact]
    public async Task Call_without_traceparent_starts_a_new_trace()
    {
        var text = "untraced-" + Guid.NewGuid();
        var body = RawGrpc.Frame(new EchoRequest { Text = text });
        using var message = RawGrpc.Request(_server.Address, "/procurement.testing.v1.RuntimeTest/Echo", body);
        Assert.False(message.Headers.Contains("traceparent"));
        Activity.Current = null;
        using var response = await _server.Raw.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();

        var server = await Eventually.Single(() => _server.Seen.ByText.GetValueOrDefault(text), "the handler ran");
        Assert.Equal(GrpcDiagnostics.SourceName, server.Source.Name);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal(default, server.ParentSpanId);
        Assert.Null(server.Parent);
        Assert.NotEqual(default, server.TraceId);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, ActivityStatusCode.Unset)]   // the caller's mistake: not a server fault
    [InlineData(StatusCode.Internal, ActivityStatusCode.Error)]
    public async Task Status_code_is_recorded_on_both_spans_and_in_the_duration_metric(StatusCode code, ActivityStatusCode serverStatus)
    {
        var measured = new ConcurrentQueue<(string Instrument, int Code)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GrpcDiagnostics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "rpc.grpc.status_code" && tags.ToArray().Any(t => t.Key == "rpc.method" && (string?)t.Value == "Fail"))
                    measured.Enqueue((instrument.Name, (int)tag.Value!));
        });
        meters.Start();

        using var request = TestSource.StartActivity("a failing request")!;
        var failure = await Assert.ThrowsAsync<RpcException>(() => Client.FailAsync(
            new FailRequest { Kind = FailRequest.Types.Kind.RpcException, Code = (int)code, Message = "as asked" }).ResponseAsync);
        Assert.Equal(code, failure.StatusCode);

        const string name = "procurement.testing.v1.RuntimeTest/Fail";
        var server = await SpanAsync(request.TraceId, ActivityKind.Server, name);
        var client = await SpanAsync(request.TraceId, ActivityKind.Client, name);
        Assert.Equal((int)code, server.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal((int)code, client.GetTagItem("rpc.grpc.status_code"));
        Assert.Equal(serverStatus, server.Status);
        Assert.Equal(ActivityStatusCode.Error, client.Status);
        Assert.Contains(("rpc.server.call.duration", (int)code), measured);
        Assert.Contains(("rpc.client.call.duration", (int)code), measured);
    }

    public void Dispose() => _listener.Dispose();
}
