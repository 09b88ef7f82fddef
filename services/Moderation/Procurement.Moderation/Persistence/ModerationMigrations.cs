using Microsoft.EntityFrameworkCore;

namespace Procurement.Moderation.Persistence;

/// <summary>
/// Applies the checked-in migrations: `Procurement.Moderation migrate`, or Database:MigrateOnStart=true.
/// Idempotent: applied migrations are skipped.
/// </summary>
public static class ModerationMigrations
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ModerationDb>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The `migrate` verb: needs only the database's connection string, not the broker or identity.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddModerationDb(builder.Configuration);
        using var host = builder.Build();
        await MigrateAsync(host.Services);
        host.Services.GetRequiredService<ILogger<ModerationDb>>().LogInformation("Moderation database is up to date.");
        return 0;
    }
}
