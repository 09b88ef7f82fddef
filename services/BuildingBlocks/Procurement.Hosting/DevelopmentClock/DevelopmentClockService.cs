using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Procurement.Contracts.Dev.V1;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Hosting.DevelopmentClock;

/// <summary>One service's DevelopmentClock: reads and moves its own business clock when the control is on.</summary>
public sealed class DevelopmentClockService(
    DevelopmentClockSettings settings, ILogger<DevelopmentClockService> logger, IClockControl? control = null)
    : Contracts.Dev.V1.DevelopmentClock.DevelopmentClockBase
{
    /// <summary>Further than this is surely a typo (a demonstration needs weeks, not years).</summary>
    public static readonly TimeSpan MaximumAdvance = TimeSpan.FromDays(400);

    public override Task<ClockReading> GetClock(GetClockRequest request, ServerCallContext context) =>
        Task.FromResult(Reading(Control()));

    public override Task<ClockReading> AdvanceClock(AdvanceClockRequest request, ServerCallContext context)
    {
        var clock = Control();
        var before = clock.GetUtcNow();
        switch (AdvanceRequests.Parse(request))
        {
            case (TimeSpan by, null):
                clock.AdvanceBy(by);
                break;
            case (null, DateTimeOffset to):
                if (to - before > MaximumAdvance)
                    throw new RpcException(new Status(StatusCode.InvalidArgument,
                        $"'to' is {AdvanceRequests.Describe(to - before)} ahead of the clock ({before:u}); at most {MaximumAdvance.TotalDays:0} days at a time."));
                clock.AdvanceTo(to);
                break;
        }
        var reading = Reading(clock);
        logger.LogWarning("DEVELOPMENT clock of the {Service} service moved by {Caller} from {Before:u} to {After:u}",
            settings.Service, context.GetCaller().PersonId, before, reading.Clocks[0].Now.ToDateTimeOffset());
        return Task.FromResult(reading);
    }

    private IClockControl Control() =>
        control ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, settings.Refusal));

    private ClockReading Reading(IClockControl clock) => new()
    {
        Clocks =
        {
            new ServiceClock
            {
                Service = settings.Service,
                Now = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
                Offset = Duration.FromTimeSpan(clock.Offset),
            },
        },
    };
}

/// <summary>Checks an AdvanceClockRequest: exactly one of a positive "by" (at most 400 days) or a "to".</summary>
public static class AdvanceRequests
{
    public static (TimeSpan? By, DateTimeOffset? To) Parse(AdvanceClockRequest request)
    {
        if ((request.By is null) == (request.To is null))
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                "Say how to move the clock: either 'by' (a duration, e.g. 17 days) or 'to' (a moment), not both and not neither."));
        if (request.To is { } to) return (null, to.ToDateTimeOffset());

        var by = request.By!.ToTimeSpan();
        if (by <= TimeSpan.Zero)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"'by' must be a positive duration; the clock never goes back (got {Describe(by)})."));
        if (by > DevelopmentClockService.MaximumAdvance)
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"'by' is {Describe(by)}; the clock moves at most {DevelopmentClockService.MaximumAdvance.TotalDays:0} days at a time."));
        return (by, null);
    }

    public static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.##} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.##} hours" : $"{span.TotalSeconds:0.###} seconds";
}
