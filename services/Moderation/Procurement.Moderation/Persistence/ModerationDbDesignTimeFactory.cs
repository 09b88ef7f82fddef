using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Procurement.Moderation.Persistence;

/// <summary>For dotnet-ef only: builds the model without starting the service (no broker, no identity).</summary>
internal sealed class ModerationDbDesignTimeFactory : IDesignTimeDbContextFactory<ModerationDb>
{
    public ModerationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ModerationDb>().UseNpgsql("Host=localhost;Database=moderation_design").Options);
}
