using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Procurement.Identity;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Admission;

/// <summary>
/// Per-caller limits on proxied calls (ASP.NET Core's rate limiter): a fixed window per token subject, or per
/// remote IP for calls without a valid token, so that a flood of bad tokens is limited too. The gateway's
/// own endpoints are not limited. A refused call ends RESOURCE_EXHAUSTED, Trailers-Only.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null
                    ? RateLimitPartition.GetNoLimiter("gateway")
                    : RateLimitPartition.GetFixedWindowLimiter(PartitionKey(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PermitLimit,
                        Window = limits.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = (rejected, _) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? $" Try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s."
                    : "";
                return new ValueTask(GrpcRefusal.WriteAsync(rejected.HttpContext, StatusCode.ResourceExhausted,
                    $"Too many calls: at most {limits.PermitLimit} every {limits.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per caller.{retry}"));
            };
        });
        return services;
    }

    private static string PartitionKey(HttpContext context) =>
        context.FindCaller() is { } caller ? "sub:" + caller.PersonId : "ip:" + context.Connection.RemoteIpAddress;
}
