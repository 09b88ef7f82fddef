using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Procurement.Messaging;

namespace Procurement.Tenders.Persistence;

public sealed class TenderDb(DbContextOptions<TenderDb> options) : DbContext(options)
{
    public DbSet<TenderRow> Tenders => Set<TenderRow>();
    public DbSet<ClarificationRow> Clarifications => Set<ClarificationRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenderRow>(tender =>
        {
            tender.ToTable("tender");
            tender.HasKey(t => t.Id);
            tender.Property(t => t.Id).HasColumnName("id").ValueGeneratedNever();
            tender.Property(t => t.Reference).HasColumnName("reference").HasMaxLength(200);
            tender.Property(t => t.Title).HasColumnName("title");
            tender.Property(t => t.Description).HasColumnName("description");
            tender.Property(t => t.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
            tender.Property(t => t.ProcuringEntity).HasColumnName("procuring_entity").HasMaxLength(200);
            tender.Property(t => t.Commissioners).HasColumnName("commissioners").HasColumnType("text[]");
            tender.Property(t => t.SubmissionDeadline).HasColumnName("submission_deadline");
            tender.Property(t => t.Revision).HasColumnName("revision");
            tender.Property(t => t.Content).HasColumnName("content").HasColumnType("jsonb");
            tender.Property(t => t.LotStates).HasColumnName("lot_states").HasColumnType("jsonb");
            tender.Property(t => t.Revisions).HasColumnName("revisions").HasColumnType("jsonb");
            tender.Property(t => t.CreatedAt).HasColumnName("created_at");
            tender.Property(t => t.UpdatedAt).HasColumnName("updated_at");
            tender.Property(t => t.PublishedAt).HasColumnName("published_at");
            tender.Property(t => t.ClosedAt).HasColumnName("closed_at");
            tender.Property(t => t.CancellationReason).HasColumnName("cancellation_reason");
            // Npgsql maps a uint row version onto the system column xmin: no column of our own to maintain.
            tender.Property(t => t.Version).IsRowVersion();
            tender.HasIndex(t => new { t.Status, t.CreatedAt }).HasDatabaseName("ix_tender_status_created_at");
            tender.HasIndex(t => t.Commissioners).HasMethod("gin").HasDatabaseName("ix_tender_commissioners");
        });
        modelBuilder.Entity<ClarificationRow>(clarification =>
        {
            clarification.ToTable("clarification");
            clarification.HasKey(c => c.Id);
            clarification.Property(c => c.Id).HasColumnName("id").ValueGeneratedNever();
            clarification.Property(c => c.TenderId).HasColumnName("tender_id");
            clarification.Property(c => c.Question).HasColumnName("question");
            clarification.Property(c => c.AskedByOrganisation).HasColumnName("asked_by_organisation").HasMaxLength(200);
            clarification.Property(c => c.AskedBy).HasColumnName("asked_by").HasMaxLength(200);
            clarification.Property(c => c.AskedAt).HasColumnName("asked_at");
            clarification.Property(c => c.Answer).HasColumnName("answer");
            clarification.Property(c => c.AnsweredBy).HasColumnName("answered_by").HasMaxLength(200);
            clarification.Property(c => c.AnsweredAt).HasColumnName("answered_at");
            clarification.Property(c => c.Version).IsRowVersion();
            clarification.HasOne<TenderRow>().WithMany().HasForeignKey(c => c.TenderId)
                .OnDelete(DeleteBehavior.Cascade);
            // Lists read one tender's clarifications in the order they were asked; the index also serves the foreign key.
            clarification.HasIndex(c => new { c.TenderId, c.AskedAt }).HasDatabaseName("ix_clarification_tender_id_asked_at");
        });
        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotentRequests();
    }
}
