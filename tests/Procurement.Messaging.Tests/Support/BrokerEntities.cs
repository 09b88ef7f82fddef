using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Procurement.Messaging.Tests.Support;

/// <summary>Reads and removes a test's queues and exchanges on the broker directly (RabbitMQ.Client).</summary>
public static class BrokerEntities
{
    /// <summary>
    /// Takes one message off <paramref name="queue"/> (acknowledged), or null if it is empty or does
    /// not exist yet (MassTransit declares an _error queue at the first fault), or is a quorum queue just
    /// declared whose process has not started yet (RabbitMQ answers INTERNAL_ERROR "noproc" for a moment).
    /// </summary>
    public static async Task<BasicGetResult?> GetAsync(Uri broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return await channel.BasicGetAsync(queue, autoAck: true);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.NotFound
            || (ex.ShutdownReason?.ReplyCode == Constants.InternalError && ex.ShutdownReason.ReplyText.Contains("noproc", StringComparison.Ordinal)))
        {
            return null;
        }
    }

    public static async Task<uint> MessageCountAsync(Uri broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>
    /// Best-effort clean-up of what MassTransit declared for a test: the endpoint queues (with their
    /// _error and _skipped companions and same-named exchanges) and the message-type exchanges.
    /// </summary>
    public static async Task DeleteAsync(Uri broker, IEnumerable<string> endpoints, IEnumerable<string> messageExchanges)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var endpoint in endpoints)
            foreach (var name in new[] { endpoint, endpoint + "_error", endpoint + "_skipped" })
            {
                await channel.QueueDeleteAsync(name);
                await channel.ExchangeDeleteAsync(name);
            }
            foreach (var exchange in messageExchanges) await channel.ExchangeDeleteAsync(exchange);
        }
        catch (Exception)
        {
            // Leftovers of a uniquely prefixed test harm no other test; don't hide the test's own result.
        }
    }
}
