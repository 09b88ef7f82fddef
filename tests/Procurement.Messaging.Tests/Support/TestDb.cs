using Microsoft.EntityFrameworkCore;

namespace Procurement.Messaging.Tests.Support;

/// <summary>A service's DbContext in miniature: business tables plus the messaging tables.</summary>
public sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options)
{
    public DbSet<Tender> Tenders => Set<Tender>();
    public DbSet<BidReceipt> BidReceipts => Set<BidReceipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<Tender>().ToTable("tender");
        // Deliberately no unique key on BidId: only the inbox can stop a second effect.
        modelBuilder.Entity<BidReceipt>().ToTable("bid_receipt");
    }
}

public sealed class Tender
{
    public Guid Id { get; init; }
    public required string Title { get; init; }
}

public sealed class BidReceipt
{
    public long Id { get; init; }
    public Guid BidId { get; init; }
}
