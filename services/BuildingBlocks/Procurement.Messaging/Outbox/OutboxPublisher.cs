using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Procurement.Messaging.Events;

namespace Procurement.Messaging.Outbox;

/// <summary>Publishes one outbox row through MassTransit and returns only once the broker confirmed it.</summary>
internal sealed class OutboxPublisher(
    IBus bus, EventSerializer serializer, MessagingOptions options, ILogger<OutboxPublisher> logger)
{
    internal static readonly ActivitySource Activities = new(MessagingDiagnostics.Name);

    /// <summary>The transport header in which MassTransit 8 carries the sender's W3C traceparent.</summary>
    internal const string ActivityIdHeader = "MT-Activity-Id";

    public async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var (message, messageType) = serializer.Deserialize(row.MessageType, row.Payload);

        // Continue the trace of the request that enqueued the event (a row enqueued outside any trace
        // starts one of its own), never the dispatcher's untraced pass; MassTransit's own send activity
        // (when traced) becomes a child of this one.
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        Activity.Current = null;
        using var activity = Activities.StartActivity("outbox publish", ActivityKind.Producer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.operation.type", "publish");
            activity.SetTag("messaging.message.id", row.Id);
            activity.SetTag("procurement.event_type", row.MessageType);
        }

        // With PublisherConfirmation on (set in AddProcurementMessaging) Publish completes only after
        // the broker's ack; a broker that is unreachable makes it wait, hence the timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        try
        {
            var traceParent = activity?.Id ?? row.TraceParent;
            await bus.Publish(message, messageType, context =>
            {
                context.MessageId = row.Id;
                // Mandatory: a publish no queue takes (no consumer bound, or a queue still recovering after the broker
                // restarted) is returned by RabbitMQ and fails here, so the row is tried again; without it the broker
                // confirms such a publish and drops the message, and the row would be marked published while lost.
                if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit)) rabbit.Mandatory = true;
                // MassTransit's send activity replaces this with its own id when it is traced; when it is not,
                // the consumer still continues the enqueuing request's trace from this header.
                if (traceParent is not null) context.Headers.Set(ActivityIdHeader, traceParent);
            }, timeout.Token).WaitAsync(timeout.Token);   // returns at the timeout even where the transport does not heed the token
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm the publish within {options.PublishTimeout}.", ex);
        }
        logger.LogDebug("Published outbox message {MessageId} ({MessageType})", row.Id, row.MessageType);
    }
}
