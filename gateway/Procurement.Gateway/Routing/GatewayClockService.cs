using Google.Protobuf.WellKnownTypes;
using Procurement.Contracts.Dev.V1;
using Grpc.Core;
using Procurement.Hosting.DevelopmentClock;

namespace Procurement.Gateway.Routing;

/// <summary>
/// DEVELOPMENT ONLY: the suite's clock as one. GetClock asks every service; AdvanceClock moves every service to the
/// same moment (the latest of their clocks plus "by", or "to"), passing the caller's token on, so each service checks
/// the caller and its own Development:ClockControl again. The caller's token and role were checked on the way in
/// (the route table); here the gateway's own setting is checked.
/// </summary>
internal sealed class GatewayClockService(DevelopmentClockSettings settings, UpstreamChannels upstream)
    : DevelopmentClock.DevelopmentClockBase
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public override Task<ClockReading> GetClock(GetClockRequest request, ServerCallContext context)
    {
        EnsureEnabled();
        return AllAsync((client, options) => client.GetClockAsync(request, options), context);
    }

    public override async Task<ClockReading> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        EnsureEnabled();
        var (by, to) = AdvanceRequests.Parse(request);
        if (by is { } duration)
        {
            var readings = await AllAsync((client, options) => client.GetClockAsync(new GetClockRequest(), options), context);
            to = readings.Clocks.Max(clock => clock.Now.ToDateTimeOffset()) + duration;
        }
        var target = new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(to!.Value) };
        return await AllAsync((client, options) => client.AdvanceClockAsync(target, options), context);
    }

    private void EnsureEnabled()
    {
        if (!settings.Enabled) throw new RpcException(new Status(StatusCode.FailedPrecondition, settings.Refusal));
    }

    /// <summary>The same call to every service, in parallel; a refusal names the service and keeps its status.</summary>
    private async Task<ClockReading> AllAsync(
        Func<DevelopmentClock.DevelopmentClockClient, CallOptions, AsyncUnaryCall<ClockReading>> call, ServerCallContext context)
    {
        var headers = new Metadata();
        if (context.RequestHeaders.GetValue("authorization") is { } authorization) headers.Add("authorization", authorization);
        var options = new CallOptions(headers, DateTime.UtcNow + CallTimeout, context.CancellationToken);

        var answers = await Task.WhenAll(upstream.Clusters.Select(async cluster =>
        {
            try
            {
                return (cluster, Reading: await call(new DevelopmentClock.DevelopmentClockClient(upstream.ChannelTo(cluster)), options), Error: (RpcException?)null);
            }
            catch (RpcException ex)
            {
                return (cluster, Reading: (ClockReading?)null, Error: ex);
            }
        }));

        if (answers.FirstOrDefault(a => a.Error is not null) is { Error: { } error, cluster: var refusing })
        {
            var moved = answers.Where(a => a.Reading is not null).Select(a => a.cluster).ToList();
            throw new RpcException(new Status(error.StatusCode,
                $"The {refusing} service answered {error.StatusCode}: {error.Status.Detail}" +
                (moved.Count > 0 ? $" (answered: {string.Join(", ", moved)})" : "")));
        }

        var reading = new ClockReading();
        foreach (var answer in answers) reading.Clocks.AddRange(answer.Reading!.Clocks);
        return reading;
    }
}
