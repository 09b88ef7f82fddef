namespace Procurement.Testing;

/// <summary>A queue as the broker itself reports it.</summary>
public sealed record BrokerQueue(string Name, string Type, bool Durable, bool AutoDelete, string Arguments);

/// <summary>
/// The shared broker's queues from <c>rabbitmqctl list_queues</c> (through scripts/infra.sh, for the node on
/// TestInfrastructure.RabbitMqUri's port): AMQP cannot tell a queue's type, and the local node runs without
/// the management plugin. When that node's files are not in this checkout's .local (a git worktree
/// testing against another checkout's broker), set PROCUREMENT_LOCAL_DIR to that directory.
/// </summary>
public static class BrokerQueues
{
    public static async Task<IReadOnlyList<BrokerQueue>> ListAsync()
    {
        var port = TestInfrastructure.RabbitMqUri.Port is > 0 and var given ? given : 5672;
        var output = await InfraScript.RunAsync(
            new Dictionary<string, string> { ["PROCUREMENT_RABBITMQ_PORT"] = port.ToString() },
            "rabbitmqctl", "-s", "list_queues", "name", "type", "durable", "auto_delete", "arguments");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    private static BrokerQueue Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length != 5) throw new FormatException($"rabbitmqctl list_queues: unexpected line '{line}'");
        return new BrokerQueue(fields[0], fields[1], bool.Parse(fields[2]), bool.Parse(fields[3]), fields[4]);
    }
}
