using System.Diagnostics;
using Npgsql;

namespace Procurement.Testing;

/// <summary>
/// A PostgreSQL server of the test's own (Debian's PostgreSQL 15 binaries, a cluster initialised into a temporary
/// directory, its own loopback port), so that stopping or restarting it for a fault test disturbs no other test on the
/// shared server. Set up as scripts/infra.sh sets up the project's: trust on loopback, no durability (throwaway data);
/// as root the server runs as the `postgres` OS user. Disposing it stops the server and deletes the directory.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly string Binaries = Environment.GetEnvironmentVariable("PROCUREMENT_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private const string OsUser = "postgres";

    private readonly string _directory;

    private PrivatePostgres(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>The maintenance database's connection string (no Database given), as <see cref="TestInfrastructure.PostgresConnectionString"/>.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = "postgres",
    }.ConnectionString;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, MaxPoolSize = 30 }.ConnectionString;

    /// <param name="maxConnections">The server's max_connections (a whole suite of services needs more than one service's tests).</param>
    /// <param name="settings">More postgresql.conf settings (e.g. track_commit_timestamp = on).</param>
    public static async Task<PrivatePostgres> StartAsync(int maxConnections = 100, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("procurement-postgres-").FullName;
        var server = new PrivatePostgres(directory, TestInfrastructure.FreePort());
        try
        {
            if (IsRoot) await RunAsync("chown", OsUser + ":", directory);
            await server.PgAsync("initdb", "-D", server.Data, "-U", "postgres", "--auth-local=trust", "--auth-host=trust",
                "--encoding=UTF8", "--no-locale", "--no-instructions");
            await File.AppendAllTextAsync(Path.Combine(server.Data, "postgresql.conf"), $"""

                # PrivatePostgres (a test's own throwaway server)
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{directory}'
                max_connections = {maxConnections}
                fsync = off
                synchronous_commit = off
                full_page_writes = off
                logging_collector = off
                {string.Concat((settings ?? new Dictionary<string, string>()).Select(s => $"{s.Key} = {s.Value}\n"))}
                """);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server at once (fast shutdown: open connections are cut, as in a crash of the database).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "-D", Data, "-m", "fast", "-w", "-t", "60", "stop");

    public Task StartServerAsync() =>
        PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "postgres.log"), "-o", $"-p {Port}", "-w", "-t", "60", "start");

    /// <summary>Stops and starts it again: every open connection is broken, as in a restart of the database.</summary>
    public Task RestartAsync() =>
        PgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "postgres.log"), "-o", $"-p {Port}", "-m", "fast", "-w", "-t", "60", "restart");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
                await PgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "-t", "60", "stop");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>One of the server's programs, as the `postgres` OS user when this process is root (PostgreSQL refuses root).</summary>
    private Task PgAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(Binaries, program);
        return IsRoot ? RunAsync("runuser", ["-u", OsUser, "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }
}
