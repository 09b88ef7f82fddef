namespace Procurement.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be (or already) published, stored in the service's own database
/// in the same transaction as the business change that raised it.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Also the MassTransit MessageId, so consumers' inboxes recognise a re-sent row.</summary>
    public Guid Id { get; init; }

    /// <summary>Database-assigned insertion order; the dispatcher publishes in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>Registered event name (see EventTypeRegistry), not a CLR type name to be loaded.</summary>
    public required string MessageType { get; init; }

    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>W3C traceparent of the activity that enqueued the event, so the trace continues at publish.</summary>
    public string? TraceParent { get; init; }
}
