namespace Procurement.Testing;

/// <summary>
/// Where scripts/infra.sh's PostgreSQL and RabbitMQ are: `eval "$(scripts/infra.sh env)"` exports
/// PROCUREMENT_PG and PROCUREMENT_RABBITMQ; the defaults match that script's defaults.
/// </summary>
public static class TestInfrastructure
{
    public const string PostgresVariable = "PROCUREMENT_PG";
    public const string RabbitMqVariable = "PROCUREMENT_RABBITMQ";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=54329;Username=postgres;Password=postgres";
    public const string DefaultRabbitMq = "amqp://guest:guest@127.0.0.1:5673/";

    /// <summary>Bound for every wait: a broken path fails a test, never hangs it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Npgsql connection string of the server's maintenance database (no Database given).</summary>
    public static string PostgresConnectionString => FromEnvironment(PostgresVariable, DefaultPostgres);

    public static Uri RabbitMqUri => new(FromEnvironment(RabbitMqVariable, DefaultRabbitMq));

    /// <summary>A fresh lower-case name, valid for a database, a queue or an exchange prefix.</summary>
    /// <summary>A loopback port nothing listens on now (for a host that must be addressed before it starts).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

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
        Environment.GetEnvironmentVariable(variable) is { } value && !string.IsNullOrWhiteSpace(value) ? value : fallback;
}
