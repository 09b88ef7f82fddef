using System.Net.Sockets;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Procurement.Hosting;

namespace Procurement.Hosting.Tests;

/// <summary>Failures no handler mapped, answered with a status a client can act on (decision 0024).</summary>
public sealed class FaultStatusesTests
{
    public static TheoryData<string, Exception, StatusCode> Cases => new()
    {
        // The database unreachable, restarting, or a broken connection, as Npgsql and EF Core report them.
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)), StatusCode.Unavailable },
        { "connection broken", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), StatusCode.Unavailable },
        { "command timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), StatusCode.Unavailable },
        { "shutting down", Postgres("57P01", "terminating connection due to administrator command"), StatusCode.Unavailable },
        { "starting up", Postgres("57P03", "the database system is starting up"), StatusCode.Unavailable },
        { "too many connections", Postgres("53300", "sorry, too many clients already"), StatusCode.Unavailable },
        { "EF's transient wrapper", new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new NpgsqlException("Exception while reading from stream", new EndOfStreamException())), StatusCode.Unavailable },
        { "EF's retries exhausted", new Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException("The maximum number of retries (6) was exceeded",
            new NpgsqlException("Failed to connect", new SocketException((int)SocketError.TimedOut))), StatusCode.Unavailable },
        { "SaveChanges wrapper", new DbUpdateException("An error occurred while saving the entity changes.",
            new NpgsqlException("Exception while writing to stream", new IOException("Broken pipe"))), StatusCode.Unavailable },
        { "a bare timeout", new TimeoutException("The broker did not confirm the publish within 00:00:10."), StatusCode.Unavailable },
        { "in an aggregate", new AggregateException(new ArgumentException("x"), new SocketException((int)SocketError.HostUnreachable)), StatusCode.Unavailable },
        { "broker unreachable", new MassTransit.ConnectionException("Connect failed: guest@127.0.0.1:5672/"), StatusCode.Unavailable },
        { "broker connection closed", new RabbitMQ.Client.Exceptions.AlreadyClosedException(
            new RabbitMQ.Client.Events.ShutdownEventArgs(RabbitMQ.Client.ShutdownInitiator.Peer, 320, "CONNECTION_FORCED")), StatusCode.Unavailable },
        // Lost a race: the transaction was rolled back and may be run again.
        { "serialization failure", new DbUpdateException("saving", Postgres("40001", "could not serialize access due to concurrent update")), StatusCode.Aborted },
        { "deadlock", Postgres("40P01", "deadlock detected"), StatusCode.Aborted },
        { "optimistic concurrency", new DbUpdateConcurrencyException("The database operation was expected to affect 1 row(s), but actually affected 0 row(s)"), StatusCode.Aborted },
        // A defect.
        { "null reference", new NullReferenceException(), StatusCode.Internal },
        { "constraint", new DbUpdateException("saving", Postgres("23514", "new row violates check constraint \"ck_amount\"")), StatusCode.Internal },
        { "syntax", Postgres("42601", "syntax error at or near \"SELEC\""), StatusCode.Internal },
        { "bad state", new InvalidOperationException("Sequence contains no elements"), StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_failure_gets_a_status_a_client_can_act_on_and_no_internals(string what, Exception failure, StatusCode expected)
    {
        var status = FaultStatuses.ToRpcException(failure, "4bf92f3577b34da6a3ce929d0e0e4736");

        Assert.True(expected == status.StatusCode, $"{what}: {status.StatusCode}, expected {expected}");
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", status.Status.Detail);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", status.Trailers.GetValue(FaultStatusInterceptor.CorrelationTrailer));
        foreach (var exception in new[] { failure, failure.InnerException }.OfType<Exception>())
        {
            Assert.DoesNotContain(exception.GetType().Name, status.Status.Detail);
            Assert.DoesNotContain(exception.Message, status.Status.Detail);
        }
        Assert.Null(status.Status.DebugException);
    }

    [Fact]
    public void The_messages_say_what_to_do()
    {
        Assert.Contains("try again shortly", FaultStatuses.Message(FaultKind.Unavailable, "abc"));
        Assert.Contains("try again", FaultStatuses.Message(FaultKind.Conflict, "abc"));
        Assert.Contains("report correlation id abc", FaultStatuses.Message(FaultKind.Unexpected, "abc"));
    }

    [Fact]
    public async Task The_interceptor_passes_a_handlers_status_through_and_logs_nothing()
    {
        var logs = new RecordingLogger();
        var refusal = new RpcException(new Status(StatusCode.FailedPrecondition, "The tender is closed."));
        var thrown = await Assert.ThrowsAsync<RpcException>(() =>
            new FaultStatusInterceptor(logs).UnaryServerHandler<string, string>("request", new FakeCallContext(), (_, _) => throw refusal));
        Assert.Same(refusal, thrown);
        Assert.Empty(logs.Entries);
    }

    [Fact]
    public async Task The_interceptor_maps_anything_else_and_logs_it_once_with_the_exception_and_the_correlation_id()
    {
        var logs = new RecordingLogger();
        var failure = new NullReferenceException("Object reference not set");
        var thrown = await Assert.ThrowsAsync<RpcException>(() =>
            new FaultStatusInterceptor(logs).UnaryServerHandler<string, string>("request", new FakeCallContext(), (_, _) => throw failure));

        Assert.Equal(StatusCode.Internal, thrown.StatusCode);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Same(failure, entry.Exception);
        Assert.Contains(thrown.Trailers.GetValue(FaultStatusInterceptor.CorrelationTrailer)!, entry.Message);
    }

    [Fact]
    public async Task The_interceptor_maps_an_outage_in_a_streaming_call_too()
    {
        var thrown = await Assert.ThrowsAsync<RpcException>(() => new FaultStatusInterceptor(NullLogger<FaultStatusInterceptor>.Instance)
            .ServerStreamingServerHandler<string, string>("request", null!, new FakeCallContext(),
                (_, _, _) => throw new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(StatusCode.Unavailable, thrown.StatusCode);
    }

    [Fact]
    public async Task A_call_the_caller_cancelled_is_CANCELLED_not_a_fault()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var logs = new RecordingLogger();
        var thrown = await Assert.ThrowsAsync<RpcException>(() => new FaultStatusInterceptor(logs)
            .UnaryServerHandler<string, string>("request", new FakeCallContext(cancelled.Token), (_, _) => throw new OperationCanceledException(cancelled.Token)));
        Assert.Equal(StatusCode.Cancelled, thrown.StatusCode);
        Assert.Empty(logs.Entries);
    }

    private static PostgresException Postgres(string sqlState, string message) => new(message, "FATAL", "FATAL", sqlState);

    private sealed class RecordingLogger : ILogger<FaultStatusInterceptor>
    {
        public List<(LogLevel Level, Exception? Exception, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception, formatter(state, exception)));
    }

    private sealed class FakeCallContext(CancellationToken cancellationToken = default) : ServerCallContext
    {
        protected override string MethodCore => "/procurement.tender.v1.TenderService/CreateDraft";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:50000";
        protected override DateTime DeadlineCore => DateTime.UtcNow.AddMinutes(1);
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => cancellationToken;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
