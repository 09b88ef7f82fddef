using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Procurement.Testing;

/// <summary>
/// A RabbitMQ node of the test's own (scripts/infra.sh start rabbitmq, with a private directory and
/// free ports), so stopping it for an outage test disturbs no other test on the shared broker.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);
    private readonly string _directory;
    private readonly int _port;
    private readonly int _distributionPort;

    private PrivateRabbitMqNode(string directory, int port, int distributionPort)
    {
        _directory = directory;
        _port = port;
        _distributionPort = distributionPort;
    }

    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{_port}/");

    public static async Task<PrivateRabbitMqNode> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("procurement-rabbitmq-").FullName;
        var node = new PrivateRabbitMqNode(directory, FreePort(), FreePort());
        await node.InfraAsync("start", "rabbitmq");
        return node;
    }

    /// <summary>Broker down: the Erlang node stays up, the RabbitMQ application (and its listener) stops.</summary>
    public Task StopAppAsync() => InfraAsync("rabbitmqctl", "stop_app");

    public Task StartAppAsync() => InfraAsync("rabbitmqctl", "start_app");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await InfraAsync("stop", "rabbitmq");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task InfraAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestInfrastructure.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(TestInfrastructure.RepositoryRoot, "scripts", "infra.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PROCUREMENT_LOCAL_DIR"] = _directory;
        start.Environment["PROCUREMENT_RABBITMQ_PORT"] = _port.ToString();
        start.Environment["PROCUREMENT_RABBITMQ_DIST_PORT"] = _distributionPort.ToString();

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/infra.sh {string.Join(' ', arguments)} did not finish within {ScriptTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"scripts/infra.sh {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
