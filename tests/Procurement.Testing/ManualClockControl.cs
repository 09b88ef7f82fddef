using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Hosting.DevelopmentClock;

namespace Procurement.Testing;

/// <summary>
/// The development clock control over a test's <see cref="ManualTimeProvider"/>: the DevelopmentClock gRPC service of a
/// test host moves the test's clock (firing its timers), as it moves the adjustable clock of a suite run for a demonstration.
/// </summary>
public sealed class ManualClockControl(ManualTimeProvider clock) : IClockControl
{
    public DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    /// <summary>How far the manual clock is from the real one (negative for a clock set in the past).</summary>
    public TimeSpan Offset => clock.GetUtcNow() - TimeProvider.System.GetUtcNow();

    public DateTimeOffset AdvanceBy(TimeSpan by)
    {
        clock.Advance(by);
        return clock.GetUtcNow();
    }

    public DateTimeOffset AdvanceTo(DateTimeOffset moment)
    {
        if (moment > clock.GetUtcNow()) clock.AdvanceTo(moment);
        return clock.GetUtcNow();
    }

    /// <summary>Turns the control on in a test host (any environment) over this clock.</summary>
    public static void AddTo(WebApplicationBuilder builder, string service, ManualTimeProvider clock)
    {
        builder.Services.AddSingleton(new DevelopmentClockSettings(service, builder.Environment.EnvironmentName, Enabled: true));
        builder.Services.AddSingleton<IClockControl>(new ManualClockControl(clock));
    }
}
