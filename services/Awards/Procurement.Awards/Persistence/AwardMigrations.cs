using Microsoft.EntityFrameworkCore;

namespace Procurement.Awards.Persistence;

/// <summary>
/// Applies the checked-in migrations: `Procurement.Awards migrate`, or Database:MigrateOnStart=true.
/// Idempotent: applied migrations are skipped.
/// </summary>
public static class AwardMigrations
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AwardDb>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The `migrate` verb: needs only the database's connection string, not the broker or identity.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddAwardDb(builder.Configuration);
        using var host = builder.Build();
        await MigrateAsync(host.Services);
        host.Services.GetRequiredService<ILogger<AwardDb>>().LogInformation("Award database is up to date.");
        return 0;
    }
}
