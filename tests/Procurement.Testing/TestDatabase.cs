using Npgsql;

namespace Procurement.Testing;

/// <summary>A database of its own for one test class on the shared PostgreSQL; the service's migrations create it.</summary>
public sealed class TestDatabase(string prefix)
{
    public string Name { get; } = TestInfrastructure.UniqueName(prefix);

    /// <summary>
    /// The connection string a service under test gets. Test classes and test assemblies run side by
    /// side on one server (max_connections 300, scripts/infra.sh): each pool is kept modest.
    /// </summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString)
    {
        Database = Name,
        MaxPoolSize = 30,
    }.ConnectionString;

    /// <summary>Drops the database, closing any connection still open to it.</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestInfrastructure.PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
