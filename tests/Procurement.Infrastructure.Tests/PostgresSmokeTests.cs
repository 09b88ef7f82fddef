using Npgsql;

namespace Procurement.Infrastructure.Tests;

public sealed class PostgresSmokeTests
{
    [Fact]
    public async Task Server_answers_and_is_PostgreSQL_15_or_newer()
    {
        using var cts = new CancellationTokenSource(TestInfrastructure.Timeout);
        await using var connection = new NpgsqlConnection(TestInfrastructure.PostgresConnectionString);
        await connection.OpenAsync(cts.Token);

        await using var command = new NpgsqlCommand("select version()", connection);
        var version = (string?)await command.ExecuteScalarAsync(cts.Token);

        Assert.NotNull(version);
        Assert.StartsWith("PostgreSQL ", version);
        Assert.True(connection.PostgreSqlVersion.Major >= 15, $"expected PostgreSQL 15+, got {version}");
    }

    [Fact]
    public async Task Throwaway_database_can_be_created_used_and_dropped()
    {
        using var cts = new CancellationTokenSource(TestInfrastructure.Timeout);
        var database = TestInfrastructure.UniqueName("procurement_smoke");

        await using var admin = new NpgsqlConnection(TestInfrastructure.PostgresConnectionString);
        await admin.OpenAsync(cts.Token);
        await ExecuteAsync(admin, $"create database \"{database}\"", cts.Token);
        try
        {
            Assert.True(await DatabaseExistsAsync(admin, database, cts.Token));

            var builder = new NpgsqlConnectionStringBuilder(PostgresDatabases.ConnectionStringFor(database))
            {
                Pooling = false, // nothing may hold the database open when it is dropped
            };
            await using (var connection = new NpgsqlConnection(builder.ConnectionString))
            {
                await connection.OpenAsync(cts.Token);
                Assert.Equal(database, connection.Database);

                await ExecuteAsync(connection, "create table item (id int primary key, name text not null)", cts.Token);
                await using (var insert = new NpgsqlCommand("insert into item (id, name) values (@id, @name)", connection))
                {
                    insert.Parameters.AddWithValue("id", 42);
                    insert.Parameters.AddWithValue("name", "widget");
                    Assert.Equal(1, await insert.ExecuteNonQueryAsync(cts.Token));
                }

                await using var select = new NpgsqlCommand("select name from item where id = 42", connection);
                Assert.Equal("widget", await select.ExecuteScalarAsync(cts.Token));

                var duplicate = await Assert.ThrowsAsync<PostgresException>(
                    () => ExecuteAsync(connection, "insert into item (id, name) values (42, 'again')", cts.Token));
                Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
            }
        }
        finally
        {
            await ExecuteAsync(admin, $"drop database if exists \"{database}\" with (force)", cts.Token);
        }

        Assert.False(await DatabaseExistsAsync(admin, database, cts.Token));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select count(*) from pg_database where datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }
}
