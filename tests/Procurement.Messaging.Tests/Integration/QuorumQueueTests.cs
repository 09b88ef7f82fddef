using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Procurement.Messaging.Tests.Integration;

/// <summary>
/// MessagingOptions.QuorumQueues on the single-node test broker (quorum queues need no cluster, only
/// nothing to replicate to). The queue types are what the broker reports (rabbitmqctl), not what the code asked for.
/// </summary>
public sealed class QuorumQueueTests : MessagingTestBase
{
    private const string OrderedQueue = "ordered-events";

    [Fact]
    public async Task With_quorum_queues_on_the_endpoint_error_and_skipped_queues_are_quorum_queues_and_messages_flow()
    {
        var host = await StartHostAsync(Quorum(replicationFactor: 3), typeof(TenderPublishedConsumer), typeof(TenderWithdrawnConsumer));
        var published = QueueOf(typeof(TenderPublishedConsumer));
        var withdrawn = QueueOf(typeof(TenderWithdrawnConsumer));
        var tenderId = Guid.NewGuid();
        var withdrawnId = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(tenderId, "Thames Valley custody healthcare"));
            outbox.Add(new TenderWithdrawn(withdrawnId, "requirement withdrawn"));
            await db.SaveChangesAsync();
        });
        // A message no consumer of the endpoint takes: MassTransit moves it to <queue>_skipped.
        await SendUnconsumedMessageAsync(published);

        await Eventually.True(() => Deliveries.CountOf(tenderId) == 1, "TenderPublished was consumed from the quorum queue");
        await Eventually.True(async () => await BrokerEntities.GetAsync(Broker, withdrawn + "_error") is not null, $"the poisoned message is in {withdrawn}_error");
        await Eventually.True(async () => await BrokerEntities.GetAsync(Broker, published + "_skipped") is not null, $"the unconsumed message is in {published}_skipped");

        var queues = (await BrokerQueues.ListAsync()).ToDictionary(q => q.Name);
        foreach (var name in new[] { published, withdrawn, withdrawn + "_error", published + "_skipped" })
        {
            Assert.True(queues.TryGetValue(name, out var queue), $"{name} is not on the broker");
            Assert.Equal(("quorum", true, false), (queue.Type, queue.Durable, queue.AutoDelete));
            Assert.Contains("\"x-quorum-initial-group-size\",3", queue.Arguments);
        }
    }

    [Fact]
    public async Task With_quorum_queues_on_a_temporary_endpoint_and_the_bus_queue_stay_transient_classic_queues()
    {
        // A temporary endpoint (as the other test projects' recorders use) and the bus's own queue, which
        // MassTransit declares only once something is connected to it. Neither can be a quorum queue.
        var host = await MessagingTestHost.StartAsync(Database, Prefix, Deliveries,
            bus => bus.AddConsumer<TenderPublishedConsumer>().Endpoint(e => e.Temporary = true), Broker, Quorum());
        await using var _ = host;
        host.Services.GetRequiredService<IBus>().ConnectHandler<TenderPublished>(_ => Task.CompletedTask);
        var tenderId = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(tenderId, "North Wales body-worn video"));
            await db.SaveChangesAsync();
        });

        await Eventually.True(() => Deliveries.CountOf(tenderId) == 1, "the temporary endpoint consumed TenderPublished");
        IReadOnlyList<BrokerQueue> queues = [];
        await Eventually.True(async () => (queues = await BrokerQueues.ListAsync()).Any(q => q.Name == BusQueueOf(host)), "the bus's queue is declared");
        foreach (var name in new[] { QueueOf(typeof(TenderPublishedConsumer)), BusQueueOf(host) })
        {
            var queue = Assert.Single(queues, q => q.Name == name);
            Assert.Equal(("classic", false), (queue.Type, queue.Durable));
            Assert.DoesNotContain("x-queue-type", queue.Arguments);
        }
    }

    [Fact]
    public async Task Ordered_queue_is_a_quorum_queue_and_its_events_are_still_consumed_in_publication_order()
    {
        var host = await StartOrderedHostAsync(Quorum(), OrderedQueue, typeof(TimedTenderPublishedConsumer));
        // The first events take the longest to handle: only one-at-a-time consumption keeps them in order.
        var tenders = Enumerable.Range(0, 20).Select(i => (Id: Guid.NewGuid(), WorkMilliseconds: 2 * (20 - i))).ToArray();

        // One SaveChanges per event: the publication order is then this order whatever the ids
        // (within one SaveChanges it is the order of adding too: OutboxOrderTests).
        foreach (var (id, work) in tenders)
            await host.InScopeAsync(async (db, outbox) =>
            {
                outbox.Add(new TenderPublished(id, work.ToString()));
                await db.SaveChangesAsync();
            });

        await Eventually.True(() => Deliveries.Distinct == tenders.Length, "every event was consumed");
        Assert.Equal(tenders.Select(t => t.Id), Deliveries.Arrivals);
        var queue = (await BrokerQueues.ListAsync()).Single(q => q.Name == Prefix + OrderedQueue);
        Assert.Equal("quorum", queue.Type);
        Assert.DoesNotContain("x-quorum-initial-group-size", queue.Arguments);
    }

    [Fact]
    public async Task Without_the_option_the_queues_are_classic()
    {
        var host = await StartHostAsync(typeof(TenderPublishedConsumer));
        await StartOrderedHostAsync(null, OrderedQueue, typeof(TimedTenderPublishedConsumer));
        var tenderId = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderPublished(tenderId, "0"));
            await db.SaveChangesAsync();
        });

        // Both consumers take TenderPublished: one delivery each.
        await Eventually.True(() => Deliveries.CountOf(tenderId) == 2, "TenderPublished was consumed from both classic queues");
        string[] expected = [Prefix + OrderedQueue, QueueOf(typeof(TenderPublishedConsumer))];
        var queues = (await BrokerQueues.ListAsync()).Where(q => expected.Contains(q.Name)).ToList();
        Assert.Equal(2, queues.Count);
        Assert.All(queues, q => Assert.Equal(("classic", true, false), (q.Type, q.Durable, q.AutoDelete)));
    }

    [Fact]
    public async Task Existing_classic_queue_cannot_be_declared_again_as_a_quorum_queue()
    {
        // Why switching a deployment needs its queues deleted first (deploy/README.md, decision 0015).
        var queue = Prefix + "switched";
        await using var connection = await new ConnectionFactory { Uri = Broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        try
        {
            await using var second = await connection.CreateChannelAsync();
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => second.QueueDeclareAsync(
                queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }));

            Assert.Equal(Constants.PreconditionFailed, refused.ShutdownReason!.ReplyCode);
            Assert.Contains("x-queue-type", refused.ShutdownReason.ReplyText);
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    private static Action<MessagingOptions> Quorum(int? replicationFactor = null) => options =>
    {
        options.QuorumQueues = true;
        options.QuorumReplicationFactor = replicationFactor;
    };

    private static string BusQueueOf(MessagingTestHost host) =>
        host.Services.GetRequiredService<IBus>().Address.AbsolutePath.Split('/')[^1];

    /// <summary>A MassTransit envelope of BidSubmitted, put straight into the endpoint's exchange.</summary>
    private async Task SendUnconsumedMessageAsync(string endpoint)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = Guid.NewGuid(),
            messageType = new[] { "urn:message:Procurement.Messaging.Tests.Contracts:BidSubmitted" },
            message = new { bidId = Guid.NewGuid(), tenderId = Guid.NewGuid() },
        });
        await using var connection = await new ConnectionFactory { Uri = Broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync(endpoint, "", mandatory: true, properties, envelope);
    }
}
