using Microsoft.EntityFrameworkCore;
using Procurement.Messaging.Inbox;
using Procurement.Messaging.Outbox;

namespace Procurement.Messaging;

/// <summary>Adds the outbox and inbox tables to a service's DbContext (call from OnModelCreating).</summary>
public static class MessagingModelBuilderExtensions
{
    internal const string OutboxTable = "outbox_message";
    internal const string InboxTable = "inbox_message";

    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            // snake_case names: the dispatcher selects rows with hand-written SQL (FOR UPDATE SKIP LOCKED).
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.AttemptCount).HasColumnName("attempt_count");
            outbox.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
            outbox.Property(m => m.LastError).HasColumnName("last_error");
            outbox.Property(m => m.TraceParent).HasColumnName("traceparent").HasMaxLength(55);
            // Only unpublished rows are ever scanned: a partial index keeps that cheap as history grows.
            outbox.HasIndex(m => m.Sequence).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_message_unpublished");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.ConsumerName });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.ConsumerName).HasColumnName("consumer_name").HasMaxLength(300);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at").HasDefaultValueSql("now()");
        });
        return modelBuilder;
    }
}
