using Procurement.Hosting.Idempotency;
using Microsoft.EntityFrameworkCore;
using Procurement.Messaging;

namespace Procurement.Moderation.Persistence;

public sealed class ModerationDb(DbContextOptions<ModerationDb> options) : DbContext(options)
{
    public DbSet<LotModelRow> LotModels => Set<LotModelRow>();
    public DbSet<EvaluationRow> Evaluations => Set<EvaluationRow>();
    public DbSet<ConflictDeclarationRow> Declarations => Set<ConflictDeclarationRow>();
    public DbSet<IndividualScoreRow> IndividualScores => Set<IndividualScoreRow>();
    public DbSet<ScoreSubmissionRow> Submissions => Set<ScoreSubmissionRow>();
    public DbSet<ModeratedScoreRow> ModeratedScores => Set<ModeratedScoreRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LotModelRow>(lot =>
        {
            lot.ToTable("lot_model");
            lot.HasKey(l => new { l.TenderId, l.LotId });
            lot.Property(l => l.TenderId).HasColumnName("tender_id");
            lot.Property(l => l.LotId).HasColumnName("lot_id").HasMaxLength(100);
            lot.Property(l => l.Commissioner).HasColumnName("commissioner").HasMaxLength(100);
            lot.Property(l => l.Revision).HasColumnName("revision");
            lot.Property(l => l.Model).HasColumnName("model").HasColumnType("jsonb");
            lot.Property(l => l.Cancelled).HasColumnName("cancelled");
        });

        modelBuilder.Entity<EvaluationRow>(evaluation =>
        {
            evaluation.ToTable("evaluation");
            evaluation.HasKey(e => e.Id);
            evaluation.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            evaluation.Property(e => e.TenderId).HasColumnName("tender_id");
            evaluation.Property(e => e.LotId).HasColumnName("lot_id").HasMaxLength(100);
            evaluation.Property(e => e.Commissioner).HasColumnName("commissioner").HasMaxLength(100);
            evaluation.Property(e => e.Model).HasColumnName("model").HasColumnType("jsonb");
            evaluation.Property(e => e.Bids).HasColumnName("bids").HasColumnType("jsonb");
            evaluation.Property(e => e.OpenedAt).HasColumnName("opened_at");
            evaluation.Property(e => e.Chair).HasColumnName("chair").HasColumnType("jsonb");
            evaluation.Property(e => e.Evaluators).HasColumnName("evaluators").HasColumnType("jsonb");
            evaluation.Property(e => e.CompletedAt).HasColumnName("completed_at");
            evaluation.Property(e => e.Result).HasColumnName("result").HasColumnType("jsonb");
            evaluation.Property(e => e.CancelledAt).HasColumnName("cancelled_at");
            evaluation.Property(e => e.CancellationReason).HasColumnName("cancellation_reason");
            evaluation.Property(e => e.Members).HasColumnName("members").HasColumnType("text[]");
            // One evaluation per lot: a redelivered BidsOpened cannot open a second.
            evaluation.HasIndex(e => new { e.TenderId, e.LotId }).IsUnique().HasDatabaseName("ux_evaluation_lot");
            evaluation.HasIndex(e => e.Commissioner).HasDatabaseName("ix_evaluation_commissioner");
            evaluation.HasIndex(e => e.Members).HasMethod("gin").HasDatabaseName("ix_evaluation_members");
        });

        modelBuilder.Entity<ConflictDeclarationRow>(declaration =>
        {
            declaration.ToTable("conflict_declaration");
            declaration.HasKey(d => new { d.EvaluationId, d.PersonId, d.Supplier });
            declaration.Property(d => d.EvaluationId).HasColumnName("evaluation_id");
            declaration.Property(d => d.PersonId).HasColumnName("person_id").HasMaxLength(200);
            declaration.Property(d => d.Supplier).HasColumnName("supplier").HasMaxLength(200);
            declaration.Property(d => d.Conflicted).HasColumnName("conflicted");
            declaration.Property(d => d.Note).HasColumnName("note");
            declaration.HasOne<EvaluationRow>().WithMany().HasForeignKey(d => d.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IndividualScoreRow>(score =>
        {
            score.ToTable("individual_score");
            score.HasKey(s => new { s.EvaluationId, s.PersonId, s.BidId, s.CriterionId });
            score.Property(s => s.EvaluationId).HasColumnName("evaluation_id");
            score.Property(s => s.PersonId).HasColumnName("person_id").HasMaxLength(200);
            score.Property(s => s.BidId).HasColumnName("bid_id");
            score.Property(s => s.CriterionId).HasColumnName("criterion_id").HasMaxLength(100);
            score.Property(s => s.Score).HasColumnName("score");
            score.Property(s => s.Justification).HasColumnName("justification");
            score.Property(s => s.At).HasColumnName("at");
            score.HasOne<EvaluationRow>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ScoreSubmissionRow>(submission =>
        {
            submission.ToTable("score_submission");
            submission.HasKey(s => new { s.EvaluationId, s.PersonId });
            submission.Property(s => s.EvaluationId).HasColumnName("evaluation_id");
            submission.Property(s => s.PersonId).HasColumnName("person_id").HasMaxLength(200);
            submission.HasOne<EvaluationRow>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ModeratedScoreRow>(score =>
        {
            score.ToTable("moderated_score");
            score.HasKey(s => new { s.EvaluationId, s.BidId, s.CriterionId });
            score.Property(s => s.EvaluationId).HasColumnName("evaluation_id");
            score.Property(s => s.BidId).HasColumnName("bid_id");
            score.Property(s => s.CriterionId).HasColumnName("criterion_id").HasMaxLength(100);
            score.Property(s => s.Score).HasColumnName("score");
            score.Property(s => s.Rationale).HasColumnName("rationale");
            score.Property(s => s.By).HasColumnName("by").HasMaxLength(200);
            score.Property(s => s.At).HasColumnName("at");
            score.HasOne<EvaluationRow>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotentRequests();
    }
}
