namespace Procurement.Messaging.Tests.Support;

/// <summary>Where scripts/infra.sh's PostgreSQL and RabbitMQ are (`eval "$(scripts/infra.sh env)"`).</summary>
public static class TestInfrastructure
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=54329;Username=postgres;Password=postgres";
    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5673/";

    /// <summary>Bound for ordinary waits: a broken path fails a test, never hangs it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string PostgresConnectionString => FromEnvironment("PROCUREMENT_PG", DefaultPostgres);
    public static Uri RabbitMqUri => new(FromEnvironment("PROCUREMENT_RABBITMQ", DefaultRabbitMq));

    /// <summary>A fresh lower-case name, valid for a database, a queue or an exchange prefix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "infra.sh"))) return dir.FullName;
            throw new InvalidOperationException("scripts/infra.sh not found above " + AppContext.BaseDirectory);
        }
    }

    private static string FromEnvironment(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
}
