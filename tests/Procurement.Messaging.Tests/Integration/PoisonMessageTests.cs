using System.Text;
using Procurement.Messaging.Tests.Contracts;
using Procurement.Messaging.Tests.Support;

namespace Procurement.Messaging.Tests.Integration;

public sealed class PoisonMessageTests : MessagingTestBase
{
    [Fact]
    public async Task Message_whose_consumer_keeps_failing_ends_in_the_error_queue_after_the_retries()
    {
        var host = await StartHostAsync(typeof(TenderWithdrawnConsumer));
        var queue = QueueOf(typeof(TenderWithdrawnConsumer));
        var tenderId = Guid.NewGuid();

        await host.InScopeAsync(async (db, outbox) =>
        {
            outbox.Add(new TenderWithdrawn(tenderId, "budget withdrawn"));
            await db.SaveChangesAsync();
        });

        RabbitMQ.Client.BasicGetResult? faulted = null;
        await Eventually.True(async () => (faulted = await BrokerEntities.GetAsync(Broker, queue + "_error")) is not null,
            $"the message is in {queue}_error");

        // The first delivery plus the three configured retries, then no more: it was not acked silently.
        Assert.Equal(4, Deliveries.CountOf(tenderId));
        Assert.Equal(0u, await BrokerEntities.MessageCountAsync(Broker, queue));

        var headers = faulted!.BasicProperties.Headers!;
        Assert.Contains("InvalidOperationException", HeaderText(headers["MT-Fault-ExceptionType"]));
        Assert.Contains("poisoned: budget withdrawn", HeaderText(headers["MT-Fault-Message"]));
        Assert.Contains(tenderId.ToString(), Encoding.UTF8.GetString(faulted.Body.Span));
        // The publish itself succeeded (the consumer is what failed); the row is marked when its batch commits.
        await Eventually.True(async () => (await OutboxRowsAsync()).Single().PublishedAt is not null, "the outbox row marked published");
    }

    private static string HeaderText(object? value) => value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? "";
}
