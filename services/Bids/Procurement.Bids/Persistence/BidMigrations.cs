using Microsoft.EntityFrameworkCore;

namespace Procurement.Bids.Persistence;

/// <summary>
/// Applies the checked-in migrations: `Procurement.Bids migrate`, or Database:MigrateOnStart=true.
/// Idempotent: applied migrations are skipped.
/// </summary>
public static class BidMigrations
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BidDb>().Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The `migrate` verb: needs only the database's connection string, not the broker or identity.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddBidDb(builder.Configuration);
        using var host = builder.Build();
        await MigrateAsync(host.Services);
        host.Services.GetRequiredService<ILogger<BidDb>>().LogInformation("Bid database is up to date.");
        return 0;
    }
}
