namespace Procurement.Gateway;

/// <summary>What the gateway answers itself, without a token and without forwarding.</summary>
internal static class GatewayEndpoints
{
    public const string HealthService = "/grpc.health.v1.Health/";

    public static bool IsOwn(PathString path) =>
        path.StartsWithSegments(Health.HealthzEndpoint.Path) || path.StartsWithSegments("/ocds")
        || (path.Value?.StartsWith(HealthService, StringComparison.Ordinal) ?? false);
}
