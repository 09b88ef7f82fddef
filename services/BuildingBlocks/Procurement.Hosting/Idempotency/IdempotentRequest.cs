using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Procurement.Hosting.Idempotency;

/// <summary>
/// A change made under an idempotency key: who sent it, with which key, what it was (method and a digest of the
/// request) and the answer it got, stored in the same transaction as the change itself.
/// </summary>
public sealed class IdempotentRequest
{
    public string Subject { get; set; } = "";
    public string Key { get; set; } = "";
    public string Method { get; set; } = "";
    public byte[] RequestSha256 { get; set; } = [];
    public byte[] Response { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

public static class IdempotencyModelBuilderExtensions
{
    internal const string Table = "idempotent_request";

    /// <summary>Adds the idempotent_request table to a service's DbContext (call from OnModelCreating).</summary>
    public static ModelBuilder AddIdempotentRequests(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IdempotentRequest>(request =>
        {
            request.ToTable(Table);
            request.HasKey(r => new { r.Subject, r.Key });
            request.Property(r => r.Subject).HasColumnName("subject").HasMaxLength(200);
            request.Property(r => r.Key).HasColumnName("key").HasMaxLength(IdempotencyKeys.MaxLength);
            request.Property(r => r.Method).HasColumnName("method").HasMaxLength(300);
            request.Property(r => r.RequestSha256).HasColumnName("request_sha256");
            request.Property(r => r.Response).HasColumnName("response");
            request.Property(r => r.CreatedAt).HasColumnName("created_at");
            request.HasIndex(r => r.CreatedAt).HasDatabaseName("ix_idempotent_request_created_at");
        });
        return modelBuilder;
    }
}

/// <summary>
/// A transaction a handler either begins or, when the call already runs in one (an idempotent call: the
/// <see cref="IdempotencyInterceptor{TDbContext}"/> commits the change together with its answer), joins.
/// </summary>
public sealed class JoinedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;

    private JoinedTransaction(IDbContextTransaction? owned) => _owned = owned;

    public static async Task<JoinedTransaction> BeginOrJoinAsync(DbContext db, CancellationToken cancellationToken) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    /// <summary>Commits a transaction this handler began; a joined one is committed by whoever began it.</summary>
    public Task CommitAsync(CancellationToken cancellationToken) => _owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
