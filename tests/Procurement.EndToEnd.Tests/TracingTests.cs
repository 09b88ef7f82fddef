using System.Collections.Concurrent;
using System.Diagnostics;
using Procurement.Bids;
using Procurement.Contracts.Tender.V1;
using Grpc.Core;
using Procurement.Moderation;
using Procurement.Testing;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// One trace from a client's call through the gateway, the tender service and its outbox, RabbitMQ, to the
/// bid service's consumer; and on from a consumer's own outbox rows to the next service's consumer.
/// The activities of all five hosts (in this process) are collected by a listener of the test's own.
/// </summary>
public sealed class TracingTests : ServicesTestBase
{
    private static readonly ActivitySource TestSource = new("Procurement.EndToEnd.Tests.Tracing");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly ITestOutputHelper _output;

    public TracingTests(ITestOutputHelper output)
    {
        _output = output;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Procurement.", StringComparison.Ordinal)
                || source.Name is "MassTransit" or "Yarp.ReverseProxy" or "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Publishing_through_the_gateway_and_the_bid_services_consumer_are_one_trace()
    {
        ActivityTraceId trace;
        Tender published;
        using (var call = TestSource.StartActivity("publish the joint tender")!)
        {
            trace = call.TraceId;
            published = await PublishJointTenderAsync();
        }

        try
        {
            // ASP.NET Core's request spans at the gateway and at the tender service, in the client's trace: the
            // gateway's is the child of the client's request, the service's is under the gateway's (YARP's request).
            const string publish = "/procurement.tender.v1.TenderService/Publish";
            var servers = _stopped.Where(a => a.TraceId == trace && a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore"
                && Equals(a.GetTagItem("url.path"), publish)).ToList();
            Assert.Equal(2, servers.Count);
            var requests = _stopped.Where(a => a.TraceId == trace && a.Kind == ActivityKind.Client
                && (a.GetTagItem("url.full") as string ?? "").EndsWith(publish, StringComparison.Ordinal)).ToList();
            Assert.Equal(2, requests.Count);
            var gateway = Assert.Single(servers, s => requests.Any(r => r.SpanId == s.ParentSpanId && !IsDescendantOf(r, s)) && !servers.Any(o => o != s && IsDescendantOf(s, o)));
            var service = Assert.Single(servers, s => s != gateway);
            Assert.True(IsDescendantOf(service, gateway), "the tender service's span is under the gateway's");
            Assert.Equal("procurement.tender.v1.TenderService/Publish", service.GetTagItem("grpc.method")?.ToString()?.TrimStart('/'));

            // The outbox row remembers the trace, and the bid service's consumer continues it.
            var row = Assert.Single(await TenderOutboxAsync(), r => r.MessageType.EndsWith(".TenderPublished", StringComparison.Ordinal));
            Assert.Equal(trace, ActivityContext.Parse(row.TraceParent!, null).TraceId);
            var consumed = await Eventually.Single(() => ConsumedIn(trace, BidServiceExtensions.TenderEventsQueue, "TenderPublished"),
                "the bid service's TenderPublished consumer in the client's trace");
            Assert.Equal("Procurement.Bids.Messaging.TenderPublishedConsumer", consumed.GetTagItem("messaging.masstransit.consumer_type"));
            Assert.Contains(published.Id, row.Payload);
        }
        catch
        {
            Dump(trace);
            throw;
        }
    }

    [Fact]
    public async Task A_consumers_own_outbox_rows_carry_its_trace_to_the_next_service()
    {
        var tender = await PublishJointTenderAsync();
        Clock.Advance(TimeSpan.FromDays(20));
        await Bids.SubmitBidAsync(KentAndEssex.Bid(tender.Id, ("kent", 1_000_000_00)), As(KentAndEssex.VictimSupport));

        // The tender service's scheduler closes the tender; the bid service opens it (BidsOpened per lot, through
        // its own outbox, from inside its TenderClosed consumer); the moderation service consumes those.
        Clock.AdvanceTo(KentAndEssex.SubmissionDeadline);
        await Eventually.True(() => OpenedFor(tender.Id).Count == 2, "BidsOpened for both lots");

        var closedConsumer = await Eventually.Single(() => ConsumedIn(null, BidServiceExtensions.TenderEventsQueue, "TenderClosed"),
            "the bid service's TenderClosed consumer");
        try
        {
            var opened = await Eventually.Single(() => ConsumedIn(closedConsumer.TraceId, ModerationServiceExtensions.EventsQueue, "BidsOpened"),
                "the moderation service's BidsOpened consumer in the TenderClosed consumer's trace");
            Assert.NotEqual(closedConsumer.SpanId, opened.SpanId);
        }
        catch
        {
            Dump(closedConsumer.TraceId);
            throw;
        }
    }

    /// <summary>A MassTransit consume activity (in <paramref name="trace"/>, if given) on that queue, for that event type.</summary>
    private Activity? ConsumedIn(ActivityTraceId? trace, string queue, string eventName) => _stopped.FirstOrDefault(a =>
        a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer
        && (trace is null || a.TraceId == trace)
        && Equals(a.GetTagItem("messaging.operation"), "process")
        && (a.GetTagItem("messaging.masstransit.message_types") as string ?? "").EndsWith(":" + eventName, StringComparison.Ordinal)
        && a.Parent?.GetTagItem("messaging.destination.name") is string destination
        && destination.EndsWith(queue, StringComparison.Ordinal));

    /// <summary>Through the spans recorded here (between the gateway's span and the service's: YARP's forwarding span and its HttpClient request).</summary>
    private bool IsDescendantOf(Activity child, Activity ancestor)
    {
        var spans = _stopped.Where(a => a.TraceId == child.TraceId).ToDictionary(a => a.SpanId);
        for (var parentId = child.ParentSpanId; parentId != default; parentId = spans.TryGetValue(parentId, out var parent) ? parent.ParentSpanId : default)
        {
            if (parentId == ancestor.SpanId) return true;
        }
        return false;
    }

    private void Dump(ActivityTraceId trace)
    {
        foreach (var a in _stopped.Where(a => a.TraceId == trace))
            _output.WriteLine($"{a.Source.Name} {a.Kind} '{a.DisplayName}' span {a.SpanId} parent {a.ParentSpanId} tags {string.Join(", ", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
    }

    public override async Task DisposeAsync()
    {
        _listener.Dispose();
        await base.DisposeAsync();
    }
}
