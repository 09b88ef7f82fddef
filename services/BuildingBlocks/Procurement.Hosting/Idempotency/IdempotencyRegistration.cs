using Grpc.AspNetCore.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Procurement.Hosting.Idempotency;

/// <summary>"Idempotency" configuration: how long a key's answer is kept.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Idempotency";

    /// <summary>
    /// The key of the <see cref="TimeProvider"/> that times the window: real elapsed time (<see cref="TimeProvider.System"/>),
    /// never the service's business clock, which Development may move on by days (a retry must not run again because
    /// the clock was moved).
    /// </summary>
    public const string ClockKey = "Procurement.Hosting.Idempotency.Clock";

    /// <summary>A retry with the same key within this time gets the original answer; after it, the key is forgotten. 24 hours by default.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired keys are removed.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

public static class IdempotencyRegistration
{
    /// <summary>
    /// Idempotent calls for this service's database (its DbContext must call <c>modelBuilder.AddIdempotentRequests()</c>):
    /// the interceptor, innermost (after authorization, the request rules and the fault statuses), and the clean-up of
    /// expired keys.
    /// </summary>
    public static IServiceCollection AddIdempotentCalls<TDbContext>(this IServiceCollection services, IConfiguration configuration) where TDbContext : DbContext
    {
        var options = new IdempotencyOptions();
        configuration.GetSection(IdempotencyOptions.SectionName).Bind(options);
        services.TryAddSingleton(options);
        services.TryAddKeyedSingleton(IdempotencyOptions.ClockKey, TimeProvider.System);
        services.PostConfigure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<IdempotencyInterceptor<TDbContext>>());
        services.AddHostedService<IdempotencyCleanup<TDbContext>>();
        return services;
    }
}

/// <summary>Removes the records of keys older than the window, every <see cref="IdempotencyOptions.CleanupInterval"/>.</summary>
public static class IdempotencyCleanup
{
    /// <summary>Forgets the keys recorded before <paramref name="now"/> − <paramref name="window"/>; returns how many.</summary>
    public static Task<int> RemoveExpiredAsync(DbContext db, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = now - window;
        return db.Set<IdempotentRequest>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}

internal sealed class IdempotencyCleanup<TDbContext>(
    IServiceScopeFactory scopes, IdempotencyOptions options, [FromKeyedServices(IdempotencyOptions.ClockKey)] TimeProvider clock,
    ILogger<IdempotencyCleanup<TDbContext>> logger)
    : BackgroundService where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                var removed = await IdempotencyCleanup.RemoveExpiredAsync(db, clock.GetUtcNow(), options.Window, stoppingToken);
                if (removed > 0) logger.LogInformation("Forgot {Count} idempotency keys older than {Window}", removed, options.Window);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Removing expired idempotency keys failed; trying again in {Interval}", options.CleanupInterval);
            }
            try
            {
                await Task.Delay(options.CleanupInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
