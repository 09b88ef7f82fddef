using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Procurement.Gateway.Admission;
using Procurement.Gateway.Health;
using Procurement.Gateway.Logging;
using Procurement.Gateway.Ocds;
using Procurement.Gateway.Receipts;
using Procurement.Gateway.Reflection;
using Procurement.Gateway.Routing;
using Procurement.Hosting.DevelopmentClock;
using Procurement.Identity;
using Procurement.Observability;

namespace Procurement.Gateway;

public static class GatewayExtensions
{
    /// <summary>
    /// The gateway: gRPC (h2c) on Gateway:Port (default 5100) and /healthz over HTTP/1.1 on Gateway:HttpPort
    /// (default 5180); YARP forwarding each service's path to Gateway:Services:{Tenders,Bids,Moderation,Awards}
    /// over h2c; token checks from the "Identity" section (Procurement.Identity's validator); the route table's
    /// roles (<see cref="GatewayRoutes"/>); per-caller rate limits (Gateway:RateLimit) and Gateway:MaxRequestBodySize.
    /// </summary>
    /// <param name="extraRoutes">Routes beyond <see cref="GatewayRoutes.All"/> (tests put a probe service behind the gateway).</param>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder, params GatewayRoute[] extraRoutes)
    {
        var table = new GatewayRouteTable([.. GatewayRoutes.All, .. extraRoutes]);
        builder.Services.AddSingleton(table);
        var options = new GatewayOptions();
        builder.Configuration.GetSection(GatewayOptions.SectionName).Bind(options);
        options.Retry.Validate();
        builder.Services.AddSingleton(Options.Create(options));

        var listeners = new GatewayListeners();
        builder.Services.AddSingleton(listeners);
        var address = IPAddress.Parse(options.Address);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            // Kestrel's header limits act on the connection (over them, HTTP/2 may drop every call on it): set well above
            // the gateway's own per-call limits (Gateway:Headers), which refuse one call with a status.
            var headers = options.Headers;
            kestrel.Limits.MaxRequestHeaderCount = headers.MaxCount * HeaderLimits.KestrelFactor;
            kestrel.Limits.MaxRequestHeadersTotalSize = headers.MaxTotalSize * HeaderLimits.KestrelFactor;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = headers.MaxFieldSize * HeaderLimits.KestrelFactor;
            // Room in the HPACK table for a bearer token at the limit, so that a client sends it once per connection.
            kestrel.Limits.Http2.HeaderTableSize = Math.Max(kestrel.Limits.Http2.HeaderTableSize, headers.MaxFieldSize * 2);
            // Cleartext HTTP/2 only: an endpoint offering HTTP/1.1 too would speak only HTTP/1.1 without TLS.
            kestrel.Listen(address, options.Port, listen => (listen.Protocols, listeners.Grpc) = (HttpProtocols.Http2, listen));
            if (options.HttpPort >= 0)
                kestrel.Listen(address, options.HttpPort, listen => (listen.Protocols, listeners.Http) = (HttpProtocols.Http1, listen));
            // The operators' listener: loopback only, whatever Gateway:Address says (/healthz shows addresses there).
            if (options.ManagementPort >= 0)
                kestrel.Listen(IPAddress.Loopback, options.ManagementPort, listen => (listen.Protocols, listeners.Management) = (HttpProtocols.Http1, listen));
        });

        builder.Services.TryAddSingleton(TimeProvider.System);
        // Deadlines and the request message's time limit measure time spent: never the development clock, which jumps.
        builder.Services.TryAddKeyedSingleton(GatewayOptions.ElapsedTimeKey, TimeProvider.System);
        // YARP's forwarding span and the HttpClient request under it: the service's span is that request's child.
        builder.AddProcurementTelemetry("gateway", telemetry => telemetry.AddSource("Yarp.ReverseProxy").AddSource("System.Net.Http"));
        builder.AddProcurementIdentity();
        builder.Services.AddMethodPolicies(table);
        // The gateway's own gRPC services: health, reflection for what it routes, the development clock.
        builder.Services.AddGrpc(grpc =>
        {
            grpc.EnableDetailedErrors = false;
            // Paths it neither serves nor routes reach UnknownPath, which names what is missing.
            grpc.IgnoreUnknownServices = true;
            // The development clock's requests pass the same rules as the services' (decision 0025).
            grpc.Interceptors.Add<Procurement.Hosting.RequestRulesInterceptor>();
        });
        builder.Services.AddGatewayReflection(table);
        builder.Services.AddSingleton<UpstreamChannels>();
        builder.Services.AddSingleton<UpstreamHealth>();
        builder.Services.AddUpstreamHealthChecks(table);
        builder.AddDevelopmentClockSettings("gateway");
        builder.Services.AddSingleton<OcdsEndpoint>();
        builder.Services.AddSingleton<ReceiptKeysEndpoint>();
        builder.Services.AddGatewayRateLimiting(options.RateLimit);
        builder.Services.AddReverseProxy().LoadFromMemory(
            ProxyConfiguration.Routes(table.Forwarded),
            ProxyConfiguration.Clusters(table, options));
        return builder;
    }

    /// <summary>
    /// The pipeline, in order: access log (outermost, so refusals are logged too), the call's shape (headers within
    /// limits; on a routed path, a gRPC call over HTTP/2), the bearer token (JwtBearer), the rate limit (by the token's
    /// subject), authorization (each method's declared roles), admission (the request message, whole, within size and
    /// time), forwarding (the caller's deadline, forwarding errors as gRPC statuses), then the gateway's own endpoints
    /// or YARP. Any other gRPC path is UNIMPLEMENTED without forwarding.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseMiddleware<CallShapeMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CallAdmissionMiddleware>();
        app.UseMiddleware<ForwardingMiddleware>();

        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGatewayReflection();
        app.MapGrpcServiceWithDeclaredAccess<GatewayClockService>();
        app.MapGet(HealthzEndpoint.Path, HealthzEndpoint.HandleAsync).AllowAnonymous();
        app.MapGet(OcdsEndpoint.Path, (HttpContext context, string tenderId, OcdsEndpoint ocds) => ocds.HandleAsync(context, tenderId)).AllowAnonymous();
        app.MapGet(ReceiptKeysEndpoint.Path, (HttpContext context, ReceiptKeysEndpoint keys) => keys.HandleAsync(context)).AllowAnonymous();
        app.MapReverseProxy();
        app.MapFallback(UnknownPath.HandleAsync).AllowAnonymous();
        return app;
    }
}
