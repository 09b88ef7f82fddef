using Npgsql;

namespace Procurement.Infrastructure.Tests;

/// <summary>
/// Where the test infrastructure is. scripts/infra.sh starts it and `scripts/infra.sh env`
/// exports these variables; the defaults match that script's defaults.
/// </summary>
public static class TestInfrastructure
{
    public const string PostgresVariable = "PROCUREMENT_PG";
    public const string RabbitMqVariable = "PROCUREMENT_RABBITMQ";

    public const string DefaultPostgres = "Host=127.0.0.1;Port=54329;Username=postgres;Password=postgres";
    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5673/";

    /// <summary>Bound for every wait in these tests: a broken server fails a test, never hangs it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Npgsql connection string of the server's maintenance database (no Database given).</summary>
    public static string PostgresConnectionString => FromEnvironment(PostgresVariable, DefaultPostgres);

    public static Uri RabbitMqUri => new(FromEnvironment(RabbitMqVariable, DefaultRabbitMq));

    /// <summary>The server connection string pointed at <paramref name="database"/>.</summary>
    public static string PostgresConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = database }.ConnectionString;

    /// <summary>A fresh, valid, lower-case database or queue name with the given prefix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static string FromEnvironment(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }
}
