using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Procurement.Messaging;

namespace Procurement.Bids.Persistence;

public sealed class BidDb(DbContextOptions<BidDb> options) : DbContext(options)
{
    public DbSet<TenderViewRow> Tenders => Set<TenderViewRow>();
    public DbSet<BidRow> Bids => Set<BidRow>();
    public DbSet<BidVersionRow> BidVersions => Set<BidVersionRow>();
    public DbSet<OpenedLotRow> OpenedLots => Set<OpenedLotRow>();
    public DbSet<OpenedOfferRow> OpenedOffers => Set<OpenedOfferRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenderViewRow>(tender =>
        {
            tender.ToTable("tender_view");
            tender.HasKey(t => t.TenderId);
            tender.Property(t => t.TenderId).HasColumnName("tender_id").ValueGeneratedNever();
            tender.Property(t => t.Revision).HasColumnName("revision");
            tender.Property(t => t.SubmissionDeadline).HasColumnName("submission_deadline");
            tender.Property(t => t.Phase).HasColumnName("phase").HasConversion<string>().HasMaxLength(20);
            tender.Property(t => t.Lots).HasColumnName("lots").HasColumnType("jsonb");
            tender.Property(t => t.AmendmentSummary).HasColumnName("amendment_summary");
            tender.Property(t => t.OpenedAt).HasColumnName("opened_at");
            tender.Property(t => t.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<BidRow>(bid =>
        {
            bid.ToTable("bid");
            bid.HasKey(b => b.Id);
            bid.Property(b => b.Id).HasColumnName("id").ValueGeneratedNever();
            bid.Property(b => b.TenderId).HasColumnName("tender_id");
            bid.Property(b => b.Supplier).HasColumnName("supplier").HasMaxLength(200);
            bid.Property(b => b.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(30);
            bid.Property(b => b.ConfirmedTenderRevision).HasColumnName("confirmed_tender_revision");
            bid.Property(b => b.VoidLots).HasColumnName("void_lots").HasColumnType("text[]");
            bid.Property(b => b.CreatedAt).HasColumnName("created_at");
            bid.Property(b => b.UpdatedAt).HasColumnName("updated_at");
            bid.Property(b => b.RowVersion).IsRowVersion();
            // One live bid per supplier and tender: a second submission is a revision, not another bid.
            bid.HasIndex(b => new { b.TenderId, b.Supplier }).IsUnique()
                .HasFilter("status <> 'Withdrawn'").HasDatabaseName("ux_bid_live_per_supplier");
            bid.HasIndex(b => b.Supplier).HasDatabaseName("ix_bid_supplier");
        });

        modelBuilder.Entity<BidVersionRow>(version =>
        {
            version.ToTable("bid_version");
            version.HasKey(v => new { v.BidId, v.Version });
            version.Property(v => v.BidId).HasColumnName("bid_id");
            version.Property(v => v.Version).HasColumnName("version");
            version.Property(v => v.ReceivedAt).HasColumnName("received_at");
            version.Property(v => v.Offers).HasColumnName("offers").HasColumnType("jsonb");
            version.Property(v => v.AcceptsTerms).HasColumnName("accepts_terms");
            version.Property(v => v.MeetsMandatoryRequirements).HasColumnName("meets_mandatory_requirements");
            version.Property(v => v.NoConflictsDeclared).HasColumnName("no_conflicts_declared");
            version.Property(v => v.DigestSha256).HasColumnName("digest_sha256").HasMaxLength(64);
            version.HasOne<BidRow>().WithMany().HasForeignKey(v => v.BidId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OpenedLotRow>(lot =>
        {
            lot.ToTable("opened_lot");
            lot.HasKey(l => new { l.TenderId, l.LotId });
            lot.Property(l => l.TenderId).HasColumnName("tender_id");
            lot.Property(l => l.LotId).HasColumnName("lot_id").HasMaxLength(100);
            lot.Property(l => l.Commissioner).HasColumnName("commissioner").HasMaxLength(100);
            lot.Property(l => l.OpenedAt).HasColumnName("opened_at");
        });

        modelBuilder.Entity<OpenedOfferRow>(offer =>
        {
            offer.ToTable("opened_offer");
            offer.HasKey(o => new { o.TenderId, o.LotId, o.BidId });
            offer.Property(o => o.TenderId).HasColumnName("tender_id");
            offer.Property(o => o.LotId).HasColumnName("lot_id").HasMaxLength(100);
            offer.Property(o => o.BidId).HasColumnName("bid_id");
            offer.Property(o => o.BidVersion).HasColumnName("bid_version");
            offer.Property(o => o.Supplier).HasColumnName("supplier").HasMaxLength(200);
            offer.Property(o => o.Offer).HasColumnName("offer").HasColumnType("jsonb");
            offer.Property(o => o.DigestSha256).HasColumnName("digest_sha256").HasMaxLength(64);
            offer.Property(o => o.Compliant).HasColumnName("compliant");
            offer.Property(o => o.NonComplianceReasons).HasColumnName("non_compliance_reasons").HasColumnType("text[]");
            offer.HasOne<OpenedLotRow>().WithMany().HasForeignKey(o => new { o.TenderId, o.LotId }).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotentRequests();
    }
}
