using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Procurement.Identity;

namespace Procurement.Hosting.Idempotency;

/// <summary>The <c>idempotency-key</c> request header: what a client sends to make a change safe to retry.</summary>
public static class IdempotencyKeys
{
    public const string Header = "idempotency-key";
    public const int MaxLength = 100;

    /// <summary>A key is 1 to 100 visible ASCII characters (a UUID is the usual choice).</summary>
    public static bool IsValid(string key) => key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~');
}

/// <summary>
/// Makes a change safe to retry (decision 0026). A unary call of a method with side effects (any whose .proto does not
/// say <c>option idempotency_level = NO_SIDE_EFFECTS</c>) that carries an <c>idempotency-key</c> header runs in one
/// transaction with the record of its answer: a retry with the same key and the same request gets that answer again
/// (the same receipt) without running the handler; the same key with a different request is FAILED_PRECONDITION.
/// Keys belong to the caller (the token's subject) and are kept for <see cref="IdempotencyOptions.Window"/> of real time.
/// Without the header a call runs as before.
/// </summary>
public sealed class IdempotencyInterceptor<TDbContext>(TDbContext db, [FromKeyedServices(IdempotencyOptions.ClockKey)] TimeProvider clock) : Interceptor where TDbContext : DbContext
{
    private static readonly ConcurrentDictionary<Type, MessageParser> Parsers = new();

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var key = context.RequestHeaders.GetValue(IdempotencyKeys.Header);
        if (key is null || request is not IMessage message || !HasSideEffects(context)) return await continuation(request, context);
        if (!IdempotencyKeys.IsValid(key))
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"The {IdempotencyKeys.Header} header must be 1 to {IdempotencyKeys.MaxLength} visible ASCII characters (a UUID, for instance)."));

        var subject = context.GetCaller().PersonId;
        var digest = SHA256.HashData(message.ToByteArray());
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Calls with the same key wait for each other here; a later one finds the earlier one's answer.
        if (await LockAndFindAsync(subject, key, ct) is { } earlier)
        {
            await transaction.RollbackAsync(ct);
            return Replay<TResponse>(earlier, context.Method, digest);
        }
        var response = await continuation(request, context);
        db.Set<IdempotentRequest>().Add(new IdempotentRequest
        {
            Subject = subject, Key = key, Method = context.Method, RequestSha256 = digest,
            Response = ((IMessage)response!).ToByteArray(), CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return response;
    }

    /// <summary>
    /// Takes the key's advisory lock (held until the transaction ends) and reads the key's earlier answer, in one round
    /// trip: a batch of two statements, the read's snapshot taken after the lock is granted (READ COMMITTED gives each
    /// statement of a batch its own), so it sees an answer committed by the call it waited for.
    /// </summary>
    private async Task<IdempotentRequest?> LockAndFindAsync(string subject, string key, CancellationToken ct)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))") { Parameters = { new() { Value = subject + "\n" + key } } },
                new NpgsqlBatchCommand($"SELECT method, request_sha256, response, created_at FROM {IdempotencyModelBuilderExtensions.Table} WHERE subject = $1 AND key = $2")
                {
                    Parameters = { new() { Value = subject }, new() { Value = key } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new IdempotentRequest
        {
            Subject = subject, Key = key, Method = reader.GetString(0), RequestSha256 = reader.GetFieldValue<byte[]>(1),
            Response = reader.GetFieldValue<byte[]>(2), CreatedAt = reader.GetFieldValue<DateTimeOffset>(3),
        };
    }

    private static TResponse Replay<TResponse>(IdempotentRequest earlier, string method, byte[] digest)
    {
        if (earlier.Method != method || !CryptographicOperations.FixedTimeEquals(earlier.RequestSha256, digest))
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"This {IdempotencyKeys.Header} was already used for a different request{(earlier.Method != method ? $" ({earlier.Method})" : "")}; " +
                "send a new key with a new request (a retry must repeat the request exactly)."));
        var parser = Parsers.GetOrAdd(typeof(TResponse), static type =>
            (MessageParser)type.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
        return (TResponse)(object)parser.ParseFrom(earlier.Response);
    }

    private static readonly ConcurrentDictionary<string, bool> SideEffects = new();

    private static bool HasSideEffects(ServerCallContext context) => SideEffects.GetOrAdd(context.Method, static (_, http) =>
    {
        var metadata = http?.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>();
        var method = metadata is null ? null : DeclaredAccess.ServiceOf(metadata.ServiceType)?.FindMethodByName(metadata.Method.Name);
        return method?.GetOptions()?.IdempotencyLevel is not MethodOptions.Types.IdempotencyLevel.NoSideEffects;
    }, context.GetHttpContext());
}
