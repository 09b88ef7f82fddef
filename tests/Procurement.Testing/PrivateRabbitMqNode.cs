using System.Net;
using System.Net.Sockets;

namespace Procurement.Testing;

/// <summary>
/// A RabbitMQ node of the test's own (scripts/infra.sh start rabbitmq, with a private directory and
/// free ports), so stopping it for an outage test disturbs no other test on the shared broker.
/// </summary>
public sealed class PrivateRabbitMqNode : IAsyncDisposable
{
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
        var node = new PrivateRabbitMqNode(directory, TestInfrastructure.FreePort(), TestInfrastructure.FreePort());
        await node.InfraAsync("start", "rabbitmq");
        return node;
    }

    /// <summary>Broker down: the Erlang node stays up, the RabbitMQ application (and its listener) stops.</summary>
    public Task StopAppAsync() => InfraAsync("rabbitmqctl", "stop_app");

    public Task StartAppAsync() => InfraAsync("rabbitmqctl", "start_app");

    /// <summary>
    /// The broker crashes: SIGKILL to the node's Erlang VM (no shutdown, connections cut, nothing flushed that was not
    /// already on disk). Returns when the VM is gone; <see cref="StartAgainAsync"/> brings the node back on the same
    /// directory and ports, with its durable queues and persistent messages.
    /// </summary>
    public async Task KillAsync()
    {
        using var vm = System.Diagnostics.Process.GetProcessById(VmProcessId());
        vm.Kill();
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        await vm.WaitForExitAsync(timeout.Token);
    }

    /// <summary>
    /// The broker hangs: SIGSTOP to the node's Erlang VM. Its connections stay open and what clients send waits in the
    /// sockets, unanswered (no publisher confirms), until <see cref="Thaw"/>.
    /// </summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>: the node reads what waited and answers it.</summary>
    public void Thaw() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, VmProcessId().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (!kill.WaitForExit(TestInfrastructure.Timeout) || kill.ExitCode != 0)
            throw new InvalidOperationException($"kill -{signal} of the RabbitMQ node failed.");
    }

    private int VmProcessId() =>
        int.Parse(File.ReadAllText(Path.Combine(_directory, "rabbitmq", "rabbitmq.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the node again after <see cref="KillAsync"/> (scripts/infra.sh start rabbitmq, same settings).</summary>
    public Task StartAgainAsync() => InfraAsync("start", "rabbitmq");

    /// <summary>Every queue of the node with the number of messages in it (rabbitmqctl list_queues).</summary>
    public async Task<IReadOnlyDictionary<string, long>> QueuesAsync()
    {
        var output = await InfraAsync("rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name", "messages");
        var queues = new Dictionary<string, long>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length == 2 && long.TryParse(fields[1], out var messages)) queues[fields[0]] = messages;
        }
        return queues;
    }

    /// <summary>
    /// The node's queues as rabbitmqctl lists them (type, state, ready and unacknowledged messages, consumers), for a
    /// failure message; never throws (a node that does not answer says so instead).
    /// </summary>
    public async Task<string> DescribeQueuesAsync()
    {
        try
        {
            return await InfraAsync("rabbitmqctl", "list_queues", "-q", "name", "type", "state", "messages_ready", "messages_unacknowledged", "consumers");
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return "(rabbitmqctl list_queues failed: " + e.Message.Split('\n')[0] + ")";
        }
    }

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

    private Task<string> InfraAsync(params string[] arguments) =>
        InfraScript.RunAsync(new Dictionary<string, string>
        {
            ["PROCUREMENT_LOCAL_DIR"] = _directory,
            ["PROCUREMENT_RABBITMQ_PORT"] = _port.ToString(),
            ["PROCUREMENT_RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
        }, arguments);

}
