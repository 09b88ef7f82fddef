using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Procurement.Infrastructure.Tests;

public sealed class RabbitMqSmokeTests
{
    private static ConnectionFactory CreateFactory() => new()
    {
        Uri = TestInfrastructure.RabbitMqUri,
        ClientProvidedName = "procurement-infrastructure-smoke-tests",
        RequestedConnectionTimeout = TestInfrastructure.Timeout,
    };

    private static CreateChannelOptions ConfirmingChannel { get; } =
        new(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);

    [Fact]
    public async Task Confirmed_message_is_queued_and_consumed_back()
    {
        using var cts = new CancellationTokenSource(TestInfrastructure.Timeout);
        await using var connection = await CreateFactory().CreateConnectionAsync(cts.Token);
        await using var channel = await connection.CreateChannelAsync(ConfirmingChannel, cts.Token);

        var queue = (await channel.QueueDeclareAsync(
            queue: TestInfrastructure.UniqueName("procurement.smoke"),
            durable: false, exclusive: true, autoDelete: true, arguments: null,
            cancellationToken: cts.Token)).QueueName;

        var messageId = Guid.NewGuid().ToString("N");
        var payload = Encoding.UTF8.GetBytes($"purchase order {messageId}");
        var properties = new BasicProperties { MessageId = messageId, ContentType = "text/plain" };

        // With confirmation tracking this completes only once the broker has confirmed the message
        // (and throws on a nack or a return).
        await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true,
            basicProperties: properties, body: payload, cancellationToken: cts.Token);

        Assert.Equal(1u, await channel.MessageCountAsync(queue, cts.Token));

        var received = new TaskCompletionSource<(byte[] Body, string? MessageId, string RoutingKey, bool Redelivered)>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            // The body buffer is only valid inside this handler: copy it.
            received.TrySetResult((delivery.Body.ToArray(), delivery.BasicProperties.MessageId,
                delivery.RoutingKey, delivery.Redelivered));
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        var consumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cts.Token);

        var message = await received.Task.WaitAsync(TestInfrastructure.Timeout, cts.Token);

        Assert.Equal(payload, message.Body);
        Assert.Equal(messageId, message.MessageId);
        Assert.Equal(queue, message.RoutingKey);
        Assert.False(message.Redelivered);

        await channel.BasicCancelAsync(consumerTag, cancellationToken: cts.Token);
        Assert.Equal(0u, await channel.QueueDeleteAsync(queue, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Unroutable_mandatory_message_is_returned_not_confirmed()
    {
        using var cts = new CancellationTokenSource(TestInfrastructure.Timeout);
        await using var connection = await CreateFactory().CreateConnectionAsync(cts.Token);
        await using var channel = await connection.CreateChannelAsync(ConfirmingChannel, cts.Token);

        var nowhere = TestInfrastructure.UniqueName("procurement.smoke.missing");
        var error = await Assert.ThrowsAsync<PublishReturnException>(async () =>
            await channel.BasicPublishAsync(exchange: "", routingKey: nowhere, mandatory: true,
                basicProperties: new BasicProperties(), body: "lost"u8.ToArray(), cancellationToken: cts.Token));

        Assert.True(error.IsReturn);
        Assert.Equal(312, error.ReplyCode);   // NO_ROUTE
    }
}
