using Grpc.Core;
using Procurement.Contracts.Dev.V1;
using Procurement.Identity;

namespace Procurement.Web.Gateway;

/// <summary>
/// The suite's business clock as the pages need it ("today" on a timeline, whether questions may still be asked).
/// In production it is the real clock. In Development the suite's clock may have been moved on (the demo moves it
/// months ahead): this reads the gateway's development clock every few seconds, as a development-only procurement
/// officer of the portal's own, and runs that far ahead of the real clock.
/// </summary>
public sealed class SuiteClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    internal void Record(ClockReading reading)
    {
        if (reading.Clocks.Count == 0) return;
        Interlocked.Exchange(ref _offsetTicks, reading.Clocks.Max(c => c.Offset.ToTimeSpan()).Ticks);
    }
}

/// <summary>Development only: keeps <see cref="SuiteClock"/> in step with the gateway's development clock.</summary>
internal sealed class SuiteClockReader(SuiteClock clock, DevelopmentClock.DevelopmentClockClient gateway, ILogger<SuiteClockReader> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly Caller Portal = new("p-portal-clock", "Portal (development clock)", "portal", null, new HashSet<Role> { Role.ProcurementOfficer });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var token = DevelopmentTokens.Issue(Portal, TimeSpan.FromMinutes(1));
                clock.Record(await gateway.GetClockAsync(new GetClockRequest(),
                    new CallOptions(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(5), stoppingToken)));
                warned = false;
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!warned) logger.LogInformation("The suite's development clock cannot be read ({Status}); pages use the last reading (offset {Offset})", ex.StatusCode, clock.Offset);
                warned = true;
            }
            try
            {
                await Task.Delay(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
