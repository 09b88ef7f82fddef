using Procurement.Messaging;
using Procurement.Messaging.Outbox;
using RabbitMQ.Client;

namespace Procurement.Testing;

/// <summary>A prefix of its own for one test class's exchanges and queues on the shared RabbitMQ.</summary>
public sealed class TestBroker(string prefix)
{
    public const string EventsNamespace = "Procurement.Contracts.Events";

    /// <summary>What goes into MessagingOptions.EntityNamePrefix.</summary>
    public string Prefix { get; } = TestInfrastructure.UniqueName(prefix) + ".";

    /// <summary>
    /// A service's messaging for a test: this prefix; quick outbox polls, retries and consumer redeliveries
    /// (so a broken path fails within the test's bound); and a host start that waits until the bus is
    /// connected, so queues are bound before the first publish.
    /// </summary>
    public void Apply(MessagingOptions options)
    {
        options.EntityNamePrefix = Prefix;
        options.OutboxPollInterval = TimeSpan.FromMilliseconds(50);
        options.OutboxBackoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        options.PublishTimeout = TimeSpan.FromSeconds(2);
        options.ConsumerRetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500)];
        options.WaitUntilBusStarted = true;
    }

    /// <summary>
    /// Best effort: deletes the exchanges of these event contracts and these queues (with their
    /// exchange and error/skipped queues) under the prefix. Leftovers under a unique prefix harm no other
    /// test, so a failure here never hides the test's own result.
    /// </summary>
    public async Task DeleteAsync(IEnumerable<string> eventNames, IEnumerable<string> queues)
    {
        try
        {
            await using var connection = await new ConnectionFactory { Uri = TestInfrastructure.RabbitMqUri }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var queue in queues.Select(q => q.StartsWith(Prefix, StringComparison.Ordinal) ? q : Prefix + q))
            {
                foreach (var name in new[] { queue, queue + "_error", queue + "_skipped" })
                {
                    await channel.QueueDeleteAsync(name);
                    await channel.ExchangeDeleteAsync(name);
                }
            }
            foreach (var eventName in eventNames)
                await channel.ExchangeDeleteAsync($"{Prefix}{EventsNamespace}:{eventName}");
        }
        catch (Exception)
        {
            // See above.
        }
    }
}
