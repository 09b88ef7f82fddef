using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Procurement.Gateway.Routing;
using Procurement.Hosting;

namespace Procurement.Gateway.Health;

/// <summary>
/// grpc.health.v1 at the gateway, open without a token: "" is the gateway itself (SERVING while it runs), a routed
/// service's name (e.g. "procurement.tender.v1.TenderService") is that service's own answer, asked within
/// Gateway:HealthCheckTimeout; any other name is NOT_FOUND.
/// </summary>
internal static class UpstreamHealthChecks
{
    public static IServiceCollection AddUpstreamHealthChecks(this IServiceCollection services, GatewayRouteTable table)
    {
        var forwarded = table.Forwarded.ToList();
        var checks = services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", result => result.Name == GrpcHosting.SelfCheck);
            options.Services.Map(GrpcHosting.LivenessService, result => result.Name == GrpcHosting.SelfCheck);
            foreach (var route in forwarded) options.Services.Map(route.Service, result => result.Name == route.Cluster);
        });
        checks.AddCheck(GrpcHosting.SelfCheck, () => HealthCheckResult.Healthy());
        foreach (var cluster in forwarded.Select(route => route.Cluster).Distinct())
            checks.Add(new HealthCheckRegistration(cluster, provider => new UpstreamHealthCheck(provider.GetRequiredService<UpstreamHealth>(), cluster), HealthStatus.Unhealthy, ["upstream"]));
        return services;
    }

    private sealed class UpstreamHealthCheck(UpstreamHealth upstream, string cluster) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var health = await upstream.CheckAsync(cluster, cancellationToken);
            return health.IsServing
                ? HealthCheckResult.Healthy(health.Address)
                : HealthCheckResult.Unhealthy($"{health.Address}: {health.Status}{(health.Detail is null ? "" : " (" + health.Detail + ")")}");
        }
    }
}
