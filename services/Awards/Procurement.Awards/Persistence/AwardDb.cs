using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Procurement.Messaging;

namespace Procurement.Awards.Persistence;

public sealed class AwardDb(DbContextOptions<AwardDb> options) : DbContext(options)
{
    public DbSet<TenderInfoRow> Tenders => Set<TenderInfoRow>();
    public DbSet<AwardRow> Awards => Set<AwardRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenderInfoRow>(tender =>
        {
            tender.ToTable("tender_info");
            tender.HasKey(t => t.TenderId);
            tender.Property(t => t.TenderId).HasColumnName("tender_id").ValueGeneratedNever();
            tender.Property(t => t.Revision).HasColumnName("revision");
            tender.Property(t => t.Reference).HasColumnName("reference").HasMaxLength(200);
            tender.Property(t => t.Title).HasColumnName("title");
            tender.Property(t => t.Description).HasColumnName("description");
            tender.Property(t => t.ProcuringEntity).HasColumnName("procuring_entity").HasMaxLength(200);
            tender.Property(t => t.Commissioners).HasColumnName("commissioners").HasColumnType("text[]");
            tender.Property(t => t.Regime).HasColumnName("regime").HasMaxLength(40);
            tender.Property(t => t.Lots).HasColumnName("lots").HasColumnType("jsonb");
            tender.Property(t => t.PublishedAt).HasColumnName("published_at");
            tender.Property(t => t.SubmissionDeadline).HasColumnName("submission_deadline");
            tender.Property(t => t.CancelledLots).HasColumnName("cancelled_lots").HasColumnType("text[]");
            tender.Property(t => t.Amendments).HasColumnName("amendments").HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb");
        });

        modelBuilder.Entity<AwardRow>(award =>
        {
            award.ToTable("award");
            award.HasKey(a => a.Id);
            award.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            award.Property(a => a.TenderId).HasColumnName("tender_id");
            award.Property(a => a.LotId).HasColumnName("lot_id").HasMaxLength(100);
            award.Property(a => a.Commissioner).HasColumnName("commissioner").HasMaxLength(100);
            award.Property(a => a.Suppliers).HasColumnName("suppliers").HasColumnType("text[]");
            award.Property(a => a.Document).HasColumnName("document").HasColumnType("jsonb");
            award.Property(a => a.CreatedAt).HasColumnName("created_at");
            award.Property(a => a.UpdatedAt).HasColumnName("updated_at");
            award.Property(a => a.RowVersion).IsRowVersion();
            // One award per lot: a redelivered EvaluationCompleted cannot recommend twice.
            award.HasIndex(a => new { a.TenderId, a.LotId }).IsUnique().HasDatabaseName("ux_award_lot");
            award.HasIndex(a => a.Commissioner).HasDatabaseName("ix_award_commissioner");
            award.HasIndex(a => a.Suppliers).HasMethod("gin").HasDatabaseName("ix_award_suppliers");
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotentRequests();
    }
}
