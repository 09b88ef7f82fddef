using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Procurement.Contracts.Dev.V1;
using Procurement.Contracts.Tender.V1;
using Procurement.Identity;

namespace Procurement.Faults.Tests;

/// <summary>The parts of the suite a fault can hit.</summary>
public enum Component { Tenders, Bids, Moderation, Awards, Gateway }

/// <summary>
/// The whole suite as separate processes: a PostgreSQL server and a RabbitMQ node of its own, the four services (each
/// migrating its own database at start) and the gateway, in Development with the clock control on, on loopback ports
/// chosen here (never the fixed ports of scripts/up.sh or the load benchmark). Clients reach the services only through
/// the gateway; the checks read the services' databases directly.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    /// <summary>The bound for the suite (or one restarted part) to be SERVING again.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    /// <summary>Every call's deadline.</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    private static readonly string[] Databases = ["tenders", "bids", "moderation", "awards"];

    private readonly Dictionary<Component, SuiteProcess> _processes = [];
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(3) };
    private PrivatePostgres? _postgres;
    private PrivateRabbitMqNode? _rabbitMq;
    private GrpcChannel? _channel;
    private int _gatewayPort;
    private int _healthPort;

    public static Caller Officer { get; } = new("p-fault-officer", "Fault Officer", "7f-commercial", null, new HashSet<Role> { Role.ProcurementOfficer });

    /// <summary>Where this run's logs (one file per process) and results go: .local/faults/&lt;UTC time&gt;/ unless PROCUREMENT_FAULTS_OUT says.</summary>
    public string OutputDirectory { get; } = Environment.GetEnvironmentVariable("PROCUREMENT_FAULTS_OUT") is { Length: > 0 } configured
        ? configured
        : Path.Combine(TestInfrastructure.RepositoryRoot, ".local", "faults", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    public PrivatePostgres Postgres => _postgres ?? throw new InvalidOperationException("The suite is not started.");

    public PrivateRabbitMqNode RabbitMq => _rabbitMq ?? throw new InvalidOperationException("The suite is not started.");

    /// <summary>The gateway, as clients see it (one channel; it connects again after the gateway restarts).</summary>
    public CallInvoker Gateway => (_channel ?? throw new InvalidOperationException("The suite is not started.")).WithDeadlinesRequired();

    /// <summary>The latest moment the harness moved the business clocks to: a restarted service starts on the real clock and is moved there again.</summary>
    public DateTimeOffset? ClockTarget { get; private set; }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres.ConnectionStringFor(database)) { MaxPoolSize = 5, Timeout = 5, CommandTimeout = 10 }.ConnectionString;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(OutputDirectory);
        // Four services' pools (at most 30 each, below) and the checks' stay well inside 200.
        // Commit timestamps tell a receipt replayed (its change committed before the attempt that got it began).
        _postgres = await PrivatePostgres.StartAsync(maxConnections: 200, new Dictionary<string, string> { ["track_commit_timestamp"] = "on" });
        _rabbitMq = await PrivateRabbitMqNode.StartAsync();

        var ports = Ports.Choose(6);
        var service = new Dictionary<Component, int>
        {
            [Component.Tenders] = ports[0], [Component.Bids] = ports[1], [Component.Moderation] = ports[2], [Component.Awards] = ports[3],
        };
        _gatewayPort = ports[4];
        _healthPort = ports[5];
        string Url(Component c) => $"http://127.0.0.1:{service[c]}";

        Dictionary<string, string> Common() => new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Development__ClockControl"] = "true",
            ["Identity__AllowDevelopmentKey"] = "true",
            ["Messaging__RabbitMq"] = RabbitMq.Uri.ToString(),
            ["Logging__Console__FormatterName"] = "json",
            ["OTEL_SDK_DISABLED"] = "true",
        };
        foreach (var (component, port) in service)
        {
            var name = component.ToString();
            var database = name.ToLowerInvariant();
            var settings = Common();
            settings[$"ConnectionStrings__{database}"] =
                new NpgsqlConnectionStringBuilder(Postgres.ConnectionStringFor(database)) { MaxPoolSize = 30 }.ConnectionString;
            settings["Database__MigrateOnStart"] = "true";
            settings[$"{name}__Address"] = "127.0.0.1";
            settings[$"{name}__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Services__Tenders"] = Url(Component.Tenders);
            settings["Services__Bids"] = Url(Component.Bids);
            _processes[component] = new SuiteProcess(database, $"services/{name}/Procurement.{name}", settings, LogOf(database));
        }
        var gateway = Common();
        gateway["Gateway__Address"] = "127.0.0.1";
        gateway["Gateway__Port"] = _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        gateway["Gateway__HttpPort"] = _healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        gateway["Gateway__ManagementPort"] = "-1";
        // The burst is many suppliers at once; the per-caller limits are not what this suite is about.
        gateway["Gateway__RateLimit__PermitLimit"] = "1000000";
        foreach (var c in service.Keys) gateway[$"Gateway__Services__{c}"] = Url(c);
        _processes[Component.Gateway] = new SuiteProcess("gateway", "gateway/Procurement.Gateway", gateway, LogOf("gateway"));

        // All at once: each retries its database and broker until they answer, and the gateway its services.
        foreach (var process in _processes.Values) process.Start();
        await WaitServingAsync("the suite started");
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_gatewayPort}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectTimeout = TimeSpan.FromSeconds(3) },
        });
    }

    private string LogOf(string name) => Path.Combine(OutputDirectory, name + ".log");

    public SuiteProcess Process(Component component) => _processes[component];

    public async Task KillAsync(Component component) => await _processes[component].KillAsync();

    /// <summary>Starts a killed part again (same ports, same settings) and waits until the whole suite is SERVING.</summary>
    public async Task StartAgainAsync(Component component)
    {
        _processes[component].Start();
        await WaitServingAsync($"{component} started again");
    }

    /// <summary>Until the gateway's /healthz says every service is SERVING (each service's database and bus included).</summary>
    public async Task WaitServingAsync(string what)
    {
        await Eventually.True(async () =>
        {
            foreach (var process in _processes.Values)
                if (process.Exited() is { } exited) throw new InvalidOperationException(exited);
            try
            {
                using var response = await _health.GetAsync($"http://127.0.0.1:{_healthPort}/healthz");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"{what}: every service SERVING at the gateway's /healthz", StartBound);
        // A service restarted after the business clock was moved starts on the real clock: it is moved to where the others are.
        if (ClockTarget is { } target)
        {
            var latest = await LatestClockAsync(new StatusTally());
            await MoveClocksToAsync(latest > target ? latest : target);
        }
    }

    /// <summary>
    /// What a failing case reports beside its violations: the broker's queues (a queue without its consumer, or with
    /// messages stuck in it), each service's unpublished outbox rows, and the last warnings and errors of each process.
    /// </summary>
    public async Task<string> DiagnoseAsync()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("RabbitMQ queues (name, type, state, ready, unacknowledged, consumers):");
        text.AppendLine(await RabbitMq.DescribeQueuesAsync());
        foreach (var database in Databases)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT count(*)::int, coalesce(max(attempt_count), 0)::int FROM outbox_message WHERE published_at IS NULL", connection);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                text.AppendLine($"{database}: {reader.GetInt32(0)} outbox rows unpublished (most attempts {reader.GetInt32(1)})");
            }
            catch (NpgsqlException e)
            {
                text.AppendLine($"{database}: outbox not readable ({e.Message})");
            }
        }
        foreach (var (component, process) in _processes)
        {
            var path = process.LogPath;
            if (!File.Exists(path)) continue;
            var lines = File.ReadLines(path)
                .Where(l => l.StartsWith("----", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal)
                    || l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))
                .TakeLast(8);
            text.AppendLine($"{component}, last warnings and errors:");
            foreach (var line in lines) text.AppendLine("  " + (line.Length > 400 ? line[..400] + "…" : line));
        }
        return text.ToString();
    }

    public CallOptions AsOfficer(string? idempotencyKey = null)
    {
        var headers = new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Issue(Officer, TimeSpan.FromDays(400)) } };
        if (idempotencyKey is not null) headers.Add("idempotency-key", idempotencyKey);
        return new CallOptions(headers, DateTime.UtcNow + CallDeadline);
    }

    /// <summary>The latest of the four services' business clocks.</summary>
    public async Task<DateTimeOffset> LatestClockAsync(StatusTally tally)
    {
        var clock = new DevelopmentClock.DevelopmentClockClient(Gateway);
        var reading = await Retry.CallAsync(tally, () => clock.GetClockAsync(new GetClockRequest(), AsOfficer()).ResponseAsync);
        return reading.Clocks.Max(c => c.Now.ToDateTimeOffset());
    }

    /// <summary>Moves every service's business clock to <paramref name="moment"/> (those already past it stay).</summary>
    public async Task MoveClocksToAsync(DateTimeOffset moment, StatusTally? tally = null)
    {
        ClockTarget = ClockTarget is { } earlier && earlier > moment ? earlier : moment;
        var clock = new DevelopmentClock.DevelopmentClockClient(Gateway);
        var reading = await Retry.CallAsync(tally ?? new StatusTally(), () =>
            clock.AdvanceClockAsync(new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(moment) }, AsOfficer()).ResponseAsync);
        if (reading.Clocks.Count != 4 || reading.Clocks.Any(c => c.Now.ToDateTimeOffset() < moment))
            throw new InvalidOperationException($"The clocks were not all moved to {moment:O}: {reading}");
    }

    /// <summary>A published tender (two lots, Kent and Essex), created and published through the gateway.</summary>
    public async Task<Tender> PublishTenderAsync(string reference, DateTimeOffset now, DateTimeOffset deadline, StatusTally tally)
    {
        var tenders = new TenderService.TenderServiceClient(Gateway);
        var createKey = Guid.NewGuid().ToString();
        var draft = await Retry.CallAsync(tally, () =>
            tenders.CreateDraftAsync(new CreateDraftRequest { Content = Workload.Tender(reference, now, deadline) }, AsOfficer(createKey)).ResponseAsync);
        var publishKey = Guid.NewGuid().ToString();
        return await Retry.CallAsync(tally, () =>
            tenders.PublishAsync(new PublishRequest { TenderId = draft.Id, ExpectedVersion = draft.Version }, AsOfficer(publishKey)).ResponseAsync);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        _health.Dispose();
        var failures = new List<Exception>();
        foreach (var process in _processes.Values)
        {
            try { await process.DisposeAsync(); }
            catch (Exception e) { failures.Add(e); }
        }
        try { if (_rabbitMq is not null) await _rabbitMq.DisposeAsync(); }
        catch (Exception e) { failures.Add(e); }
        try { if (_postgres is not null) await _postgres.DisposeAsync(); }
        catch (Exception e) { failures.Add(e); }
        if (failures.Count > 0) throw new AggregateException("The suite did not stop cleanly.", failures);
    }

    public static IReadOnlyList<string> DatabaseNames => Databases;
}

/// <summary>
/// Loopback ports for the suite's listeners, below Linux's ephemeral range (so that no outgoing connection takes one
/// while its process is down and being restarted) and away from the suite's fixed ports (5100-5104, 5180, 5181).
/// </summary>
internal static class Ports
{
    public static int[] Choose(int count)
    {
        var chosen = new List<int>();
        while (chosen.Count < count)
        {
            var port = Random.Shared.Next(21000, 30000);
            if (!chosen.Contains(port) && Free(port)) chosen.Add(port);
        }
        return [.. chosen];
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
