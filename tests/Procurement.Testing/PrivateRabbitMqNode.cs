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

    private Task InfraAsync(params string[] arguments) =>
        InfraScript.RunAsync(new Dictionary<string, string>
        {
            ["PROCUREMENT_LOCAL_DIR"] = _directory,
            ["PROCUREMENT_RABBITMQ_PORT"] = _port.ToString(),
            ["PROCUREMENT_RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
        }, arguments);

}
