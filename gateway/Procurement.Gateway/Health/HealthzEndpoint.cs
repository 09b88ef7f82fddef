namespace Procurement.Gateway.Health;

/// <summary>GET /healthz: every service's health as JSON; 200 when all are SERVING, 503 otherwise (the body says which is not).</summary>
internal static class HealthzEndpoint
{
    public const string Path = "/healthz";

    public static async Task<IResult> HandleAsync(UpstreamHealth upstream, CancellationToken cancellationToken)
    {
        var services = await upstream.CheckAllAsync(cancellationToken);
        var serving = services.All(s => s.IsServing);
        var body = new
        {
            status = serving ? "SERVING" : "NOT_SERVING",
            services = services.ToDictionary(
                s => s.Cluster.ToLowerInvariant(),
                s => new { address = s.Address, status = s.Status, detail = s.Detail }),
        };
        return Results.Json(body, statusCode: serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
