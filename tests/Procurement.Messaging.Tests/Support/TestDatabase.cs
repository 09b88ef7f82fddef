using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Procurement.Messaging.Tests.Support;

/// <summary>A database of its own for one test class: created with the schema, dropped at the end.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = TestInfrastructure.UniqueName("procurement_messaging");
        var connectionString = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString)
        {
            Database = name,
        }.ConnectionString;
        var database = new TestDatabase(connectionString);
        await using var db = database.NewContext();
        await db.Database.EnsureCreatedAsync(); // creates the database too
        return database;
    }

    public TestDb NewContext() => new(new DbContextOptionsBuilder<TestDb>().UseNpgsql(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        await using var db = NewContext();
        NpgsqlConnection.ClearAllPools();
        await db.Database.EnsureDeletedAsync();
    }
}
