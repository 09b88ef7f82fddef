namespace Procurement.Tenders.Tests.Integration.Support;

/// <summary>Where scripts/infra.sh's PostgreSQL and RabbitMQ are (`eval "$(scripts/infra.sh env)"`).</summary>
public static class TestInfrastructure
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=54329;Username=postgres;Password=postgres";
    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5673/";

    /// <summary>Bound for every wait: a broken path fails a test, never hangs it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string PostgresConnectionString => FromEnvironment("PROCUREMENT_PG", DefaultPostgres);
    public static Uri RabbitMqUri => new(FromEnvironment("PROCUREMENT_RABBITMQ", DefaultRabbitMq));

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    private static string FromEnvironment(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
}
