using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Procurement.Bids.Persistence;

/// <summary>For dotnet-ef only: builds the model without starting the service (no broker, no identity).</summary>
internal sealed class BidDbDesignTimeFactory : IDesignTimeDbContextFactory<BidDb>
{
    public BidDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BidDb>().UseNpgsql("Host=localhost;Database=bids_design").Options);
}
