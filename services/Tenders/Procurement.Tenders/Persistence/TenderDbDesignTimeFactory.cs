using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Procurement.Tenders.Persistence;

/// <summary>For dotnet-ef only: builds the model without starting the service (no broker, no identity).</summary>
internal sealed class TenderDbDesignTimeFactory : IDesignTimeDbContextFactory<TenderDb>
{
    public TenderDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TenderDb>().UseNpgsql("Host=localhost;Database=tenders_design").Options);
}
