using Npgsql;
using Procurement.Testing;

namespace Procurement.Infrastructure.Tests;

public static class PostgresDatabases
{
    /// <summary>The test server's connection string pointed at <paramref name="database"/>.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString) { Database = database }.ConnectionString;
}
