using Microsoft.EntityFrameworkCore;

namespace Procurement.Tenders.Persistence;

/// <summary>
/// Applies the checked-in migrations: `Procurement.Tenders migrate`, or Database:MigrateOnStart=true.
/// Idempotent: applied migrations are skipped (EF's __EFMigrationsHistory, under a database lock).
/// </summary>
public static class TenderMigrations
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TenderDb>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The `migrate` verb: needs only the database's connection string, not the broker or identity.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddTenderDb(builder.Configuration);
        using var host = builder.Build();
        await MigrateAsync(host.Services);
        host.Services.GetRequiredService<ILogger<TenderDb>>().LogInformation("Tender database is up to date.");
        return 0;
    }
}
