using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Grpc.Core;
using Procurement.Identity;

namespace Procurement.Hosting.DevelopmentClock;

/// <summary>Who this host is and whether its business clock may be moved (Development:ClockControl, Development only).</summary>
public sealed record DevelopmentClockSettings(string Service, string Environment, bool Enabled)
{
    public const string Setting = "Development:ClockControl";

    /// <summary>Why the control is refused here, for the FAILED_PRECONDITION a caller gets.</summary>
    public string Refusal =>
        $"The {Service} service does not let its clock be moved: clock control is for demonstrations only and is off " +
        $"unless the suite runs in the Development environment with {Setting}=true (scripts/up.sh starts it so); " +
        $"this one runs in '{Environment}'.";
}

public static class DevelopmentClockExtensions
{
    /// <summary>
    /// With <c>Development:ClockControl=true</c> in the Development environment: the host's business clock
    /// (<see cref="TimeProvider"/>) becomes an <see cref="AdjustableClock"/> that the DevelopmentClock gRPC service moves,
    /// while token lifetimes stay on the real clock (<see cref="TokenClock"/>). The setting anywhere else stops the host
    /// at start-up, saying why. Call it before the service registers <c>TimeProvider.System</c> (which it does with TryAdd).
    /// </summary>
    /// <param name="service">The service's short name in clock readings ("tenders", …).</param>
    public static IHostApplicationBuilder AddDevelopmentClock(this IHostApplicationBuilder builder, string service)
    {
        if (builder.AddDevelopmentClockSettings(service).Enabled)
        {
            var clock = new AdjustableClock(TimeProvider.System);
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddSingleton<IClockControl>(clock);
            builder.Services.AddKeyedSingleton(TokenClock.Key, TimeProvider.System);
        }
        return builder;
    }

    /// <summary>
    /// Only the setting, checked (refused outside Development) and registered: for the gateway, which moves no clock of
    /// its own but passes the control on to the services. A registration made before (a test's) is kept.
    /// </summary>
    public static DevelopmentClockSettings AddDevelopmentClockSettings(this IHostApplicationBuilder builder, string service)
    {
        var requested = builder.Configuration.GetValue<bool>(DevelopmentClockSettings.Setting);
        var environment = builder.Environment.EnvironmentName;
        if (requested && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"{DevelopmentClockSettings.Setting}=true is refused in the '{environment}' environment: a movable clock would let " +
                "anyone with an officer's token pass deadlines and standstill periods. It is for demonstrations in Development only; remove the setting.");

        var settings = new DevelopmentClockSettings(service, environment, requested);
        builder.Services.TryAddSingleton(settings);
        return settings;
    }

    /// <summary>Serves procurement.dev.v1.DevelopmentClock to procurement officers (refusing when the control is off).</summary>
    public static IEndpointConventionBuilder MapDevelopmentClock(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGrpcServiceWithDeclaredAccess<DevelopmentClockService>();
}
