using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Procurement.Hosting;

/// <summary>What a failure that no handler turned into a status means for the caller (decision 0024).</summary>
public enum FaultKind
{
    /// <summary>A dependency (the database, the broker) could not be reached or did not answer in time: try again shortly.</summary>
    Unavailable,

    /// <summary>The call lost a race with a concurrent change (serialization failure, deadlock, optimistic concurrency): try again.</summary>
    Conflict,

    /// <summary>Anything else: a defect, logged with the correlation id the caller is given.</summary>
    Unexpected,
}

/// <summary>
/// The one mapping of unexpected exceptions to gRPC statuses a client can act on, shared by every service
/// (<see cref="FaultStatusInterceptor"/>): the exception and every exception inside it (EF Core's wrappers, Npgsql's,
/// MassTransit's) is looked at; a conflict wins over an outage, an outage over anything else.
/// </summary>
public static class FaultStatuses
{
    /// <summary>PostgreSQL's serialization_failure and deadlock_detected: the transaction was rolled back and may simply be run again.</summary>
    private static readonly HashSet<string> ConflictStates = ["40001", "40P01"];

    /// <summary>
    /// PostgreSQL refusing or dropping connections: admin_shutdown, crash_shutdown, cannot_connect_now (a restart),
    /// plus whole classes checked by prefix below (08 connection exception, 53 insufficient resources, 58 system error).
    /// </summary>
    private static readonly HashSet<string> UnavailableStates = ["57P01", "57P02", "57P03"];

    private static readonly string[] UnavailableStateClasses = ["08", "53", "58"];

    /// <summary>
    /// The broker's connection failures, named rather than referenced: the gateway shares this library and carries no
    /// messaging stack. Base types count too (RabbitMqConnectionException is a MassTransit.ConnectionException).
    /// </summary>
    private static readonly HashSet<string> BrokerExceptions =
    [
        "MassTransit.ConnectionException",
        "RabbitMQ.Client.Exceptions.BrokerUnreachableException",
        "RabbitMQ.Client.Exceptions.ConnectFailureException",
        "RabbitMQ.Client.Exceptions.AlreadyClosedException",
        "RabbitMQ.Client.Exceptions.OperationInterruptedException",
    ];

    public static FaultKind Classify(Exception exception)
    {
        var chain = Chain(exception).ToList();
        if (chain.Any(IsConflict)) return FaultKind.Conflict;
        if (chain.Any(IsUnavailable)) return FaultKind.Unavailable;
        return FaultKind.Unexpected;
    }

    public static StatusCode StatusOf(FaultKind kind) => kind switch
    {
        FaultKind.Unavailable => StatusCode.Unavailable,
        FaultKind.Conflict => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    /// <summary>What the caller reads: what happened and what to do, with the correlation id; never the exception itself.</summary>
    public static string Message(FaultKind kind, string correlationId) => kind switch
    {
        FaultKind.Unavailable =>
            $"The service is unavailable for a moment (its database or message broker could not be reached); try again shortly. Correlation id: {correlationId}.",
        FaultKind.Conflict =>
            $"The call conflicted with another change made at the same time and was not applied; try again. Correlation id: {correlationId}.",
        _ => $"An unexpected error occurred and has been logged; if it persists, report correlation id {correlationId}.",
    };

    /// <summary>The status for <paramref name="exception"/>, carrying <paramref name="correlationId"/> in its message and in a trailer.</summary>
    public static RpcException ToRpcException(Exception exception, string correlationId)
    {
        var kind = Classify(exception);
        return new RpcException(new Status(StatusOf(kind), Message(kind, correlationId)),
            new Metadata { { FaultStatusInterceptor.CorrelationTrailer, correlationId } });
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var next = pending.Pop();
            yield return next;
            if (next is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (next.InnerException is { } inner) pending.Push(inner);
        }
    }

    private static bool IsConflict(Exception exception) =>
        exception is DbUpdateConcurrencyException || exception is DbException { SqlState: { } state } && ConflictStates.Contains(state);

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        DbException { SqlState: { } state } when UnavailableStates.Contains(state) || UnavailableStateClasses.Any(state.StartsWith) => true,
        DbException { IsTransient: true } => true,
        SocketException or TimeoutException or EndOfStreamException => true,
        _ => IsBrokerFailure(exception.GetType()),
    };

    private static bool IsBrokerFailure(Type? type)
    {
        for (; type is not null && type != typeof(Exception); type = type.BaseType)
            if (type.FullName is { } name && BrokerExceptions.Contains(name)) return true;
        return false;
    }
}

/// <summary>
/// The statuses of failures no handler mapped, in every service (registered first by AddProcurementGrpc, so it sees
/// what every other interceptor and handler throws): an RpcException passes unchanged (the handlers' Refusals); a
/// call the caller cancelled or let expire is CANCELLED or DEADLINE_EXCEEDED; anything else is mapped by
/// <see cref="FaultStatuses"/> and logged once, with the exception and the correlation id (the trace id) the caller is
/// given. Nothing reaches a caller as UNKNOWN, and no SQL, type name or stack trace reaches it at all.
/// </summary>
public sealed class FaultStatusInterceptor(ILogger<FaultStatusInterceptor> logger) : Interceptor
{
    /// <summary>The response trailer carrying the correlation id of a failed call.</summary>
    public const string CorrelationTrailer = "procurement-correlation-id";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Translate(ex, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        if (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested)
        {
            // The caller went away or its deadline passed: nobody is waiting for a diagnosis.
            var expired = context.Deadline <= DateTime.UtcNow;
            return new RpcException(new Status(expired ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
                expired ? "The call's deadline passed before it completed." : "The call was cancelled."));
        }

        var correlationId = CorrelationId(context);
        var kind = FaultStatuses.Classify(exception);
        var level = kind == FaultKind.Unexpected ? LogLevel.Error : LogLevel.Warning;
        logger.Log(level, exception, "{Method} failed: {Fault}, answered {StatusCode} (correlation id {CorrelationId})",
            context.Method, kind, FaultStatuses.StatusOf(kind), correlationId);
        return FaultStatuses.ToRpcException(exception, correlationId);
    }

    /// <summary>The call's trace id (what the logs carry), else ASP.NET Core's request id.</summary>
    private static string CorrelationId(ServerCallContext context)
    {
        if (Activity.Current is { } activity) return activity.TraceId.ToHexString();
        try
        {
            return context.GetHttpContext().TraceIdentifier;
        }
        catch (InvalidOperationException)
        {
            return Guid.NewGuid().ToString("N");   // a call context not served by ASP.NET Core (tests)
        }
    }
}
