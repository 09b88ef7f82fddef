using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Procurement.Messaging.Events;

namespace Procurement.Messaging.Outbox;

/// <summary>Publishes one outbox row through MassTransit and returns only once the broker confirmed it.</summary>
internal sealed class OutboxPublisher(
    IBus bus, EventSerializer serializer, MessagingOptions options, ILogger<OutboxPublisher> logger)
{
    internal static readonly ActivitySource Activities = new("Procurement.Messaging");

    public async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var (message, messageType) = serializer.Deserialize(row.MessageType, row.Payload);

        // Continue the trace of the request that enqueued the event; MassTransit's own send
        // activity (when traced) becomes a child of this one.
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = Activities.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.Id);

        // With PublisherConfirmation on (set in AddProcurementMessaging) Publish completes only after
        // the broker's ack; a broker that is unreachable makes it wait, hence the timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        try
        {
            await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm the publish within {options.PublishTimeout}.", ex);
        }
        logger.LogDebug("Published outbox message {MessageId} ({MessageType})", row.Id, row.MessageType);
    }
}
