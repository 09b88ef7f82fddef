using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Procurement.Hosting;

/// <summary>The gRPC defaults every service of the suite shares (Grpc.AspNetCore).</summary>
public static class GrpcHosting
{
    /// <summary>
    /// Cleartext HTTP/2 on this address and port: the services sit behind the gateway (which terminates TLS at the
    /// edge); an endpoint offering HTTP/1.1 too would speak only HTTP/1.1 without TLS.
    /// </summary>
    public static KestrelServerOptions ListenGrpc(this KestrelServerOptions kestrel, IPAddress address, int port)
    {
        kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        return kestrel;
    }

    /// <summary>The health check every host has: the process is up and answering.</summary>
    public const string SelfCheck = "self";

    /// <summary>
    /// The grpc.health.v1 service name that reports <see cref="SelfCheck"/> alone: for liveness probes, so that an outage
    /// of the database or the broker takes a replica out of rotation ("", readiness) without restarting it.
    /// </summary>
    public const string LivenessService = "liveness";

    /// <summary>
    /// gRPC services (failures no handler mapped answered with a status a client can act on, required fields
    /// checked), server reflection, and grpc.health.v1 backed by the host's health checks: the whole server ("")
    /// is SERVING only while every check is healthy (the database and the broker, where a service has them).
    /// </summary>
    public static IHealthChecksBuilder AddProcurementGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            // First, so that it sees what every later interceptor and every handler throws (decision 0024).
            options.Interceptors.Add<FaultStatusInterceptor>();
            options.Interceptors.Add<RequestRulesInterceptor>();
        });
        services.AddGrpcReflection();
        return services.AddGrpcHealthChecks(health => health.Services.Map(LivenessService, result => result.Name == SelfCheck))
            .AddCheck(SelfCheck, () => HealthCheckResult.Healthy());
    }

    /// <summary>grpc.health.v1 (open to probes without a token) and reflection (for a signed-in caller).</summary>
    public static WebApplication MapProcurementGrpc(this WebApplication app)
    {
        app.UseMiddleware<RequestDecodingMiddleware>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService();
        return app;
    }
}
