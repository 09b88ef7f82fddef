namespace Procurement.Messaging.Inbox;

/// <summary>A message a consumer has processed: its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string ConsumerName { get; init; }

    /// <summary>Set by the database (now()) at insert; for diagnostics and clean-up only.</summary>
    public DateTimeOffset ProcessedAt { get; private set; }
}
