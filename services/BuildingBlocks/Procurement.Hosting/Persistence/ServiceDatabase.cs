using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Procurement.Hosting.Persistence;

/// <summary>
/// How every service opens its PostgreSQL database (decision 0027): the connection string of ConnectionStrings:&lt;name&gt;,
/// with the suite's defaults for what it does not set itself, and EF Core's automatic savepoints off.
/// </summary>
public static class ServiceDatabase
{
    /// <summary>
    /// Statements run this often are prepared on each connection (Npgsql's automatic preparation): PostgreSQL then
    /// parses and plans them once per connection instead of on every call. Kept if the connection string says otherwise.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on PostgreSQL, with <see cref="ConnectionString"/> and no automatic
    /// savepoints.
    /// </summary>
    public static IServiceCollection AddServiceDb<TDbContext>(this IServiceCollection services, IConfiguration configuration, string name, string service)
        where TDbContext : DbContext =>
        services.AddDbContext<TDbContext>(options => options
            .UseNpgsql(ConnectionString(configuration, name, service))
            .AddInterceptors(NoAutomaticSavepoints.Instance));

    /// <summary>ConnectionStrings:&lt;name&gt;, with Max Auto Prepare set to <see cref="MaxAutoPrepare"/> unless it names its own.</summary>
    public static string ConnectionString(IConfiguration configuration, string name, string service)
    {
        var configured = configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"Set ConnectionStrings:{name} (the {service}'s PostgreSQL database).");
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !configured.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }

    /// <summary>
    /// EF Core wraps a SaveChanges inside an open transaction in a savepoint (two more round trips), so that a failed
    /// save leaves the transaction usable. No handler here goes on after a failed save — each refuses and the whole
    /// transaction rolls back — so the savepoints only cost.
    /// </summary>
    private sealed class NoAutomaticSavepoints : SaveChangesInterceptor
    {
        public static readonly NoAutomaticSavepoints Instance = new();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context) context.Database.AutoSavepointsEnabled = false;
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (eventData.Context is { } context) context.Database.AutoSavepointsEnabled = false;
            return result;
        }
    }
}
