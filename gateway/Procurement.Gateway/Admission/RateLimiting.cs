using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.AspNetCore.RateLimiting;
using Procurement.Identity;
using Yarp.ReverseProxy.Model;

namespace Procurement.Gateway.Admission;

/// <summary>
/// Per-caller limits on proxied calls (ASP.NET Core's rate limiter): a fixed window per token subject, sized by the
/// caller's roles (<see cref="RateLimitOptions.LimitFor"/>), or per remote IP for calls without a valid token, so that a
/// flood of bad tokens is limited too. The gateway's own endpoints are not limited. A refused call ends
/// RESOURCE_EXHAUSTED, Trailers-Only, with <c>grpc-retry-pushback-ms</c> saying when to try again (gRPC's retry
/// design, A6) and the same in words.
/// </summary>
internal static class RateLimiting
{
    /// <summary>The trailer that tells a gRPC client how long to wait before trying again.</summary>
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        limits.Validate();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null) return RateLimitPartition.GetNoLimiter("gateway");
                var (key, limit) = Partition(context, limits);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = limits.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                var (_, limit) = Partition(context, limits);
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : limits.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var write = GrpcRefusal.WriteAsync(context, StatusCode.ResourceExhausted,
                    $"Too many calls: at most {limit} every {limits.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s for you. Try again in {seconds} s.");
                context.Response.Headers[PushbackTrailer] = ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(write);
            };
        });
        return services;
    }

    private static (string Key, int Limit) Partition(HttpContext context, RateLimitOptions limits)
    {
        if (context.FindCaller() is not { } caller) return ("ip:" + context.Connection.RemoteIpAddress, limits.PermitLimit);
        var limit = limits.LimitFor(caller.Roles.Select(role => role.ToName()));
        // The limit is part of the key: a person whose roles change gets the window of their new limit.
        return ($"sub:{caller.PersonId}:{limit.ToString(CultureInfo.InvariantCulture)}", limit);
    }
}
