using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Procurement.Awards.Persistence;

/// <summary>For dotnet-ef only: builds the model without starting the service (no broker, no identity).</summary>
internal sealed class AwardDbDesignTimeFactory : IDesignTimeDbContextFactory<AwardDb>
{
    public AwardDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AwardDb>().UseNpgsql("Host=localhost;Database=awards_design").Options);
}
