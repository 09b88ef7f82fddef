namespace Procurement.Gateway.Health;

/// <summary>
/// GET /healthz: every service's health as JSON; 200 when all are SERVING, 503 otherwise (the body says which is not).
/// Anyone gets the overall status and each service's name and status; the services' addresses and the reasons they are
/// not serving (which may name hosts and ports) only on the operators' listener, loopback only (Gateway:ManagementPort).
/// </summary>
internal static class HealthzEndpoint
{
    public const string Path = "/healthz";

    public static async Task<IResult> HandleAsync(HttpContext context, UpstreamHealth upstream, GatewayListeners listeners, CancellationToken cancellationToken)
    {
        var services = await upstream.CheckAllAsync(cancellationToken);
        var serving = services.All(s => s.IsServing);
        var operatorView = listeners.IsManagement(context.Connection);
        var body = new
        {
            status = serving ? "SERVING" : "NOT_SERVING",
            services = services.ToDictionary(
                s => s.Cluster.ToLowerInvariant(),
                s => operatorView ? new { address = s.Address, status = s.Status, detail = s.Detail } : (object)new { status = s.Status }),
        };
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(body, statusCode: serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
