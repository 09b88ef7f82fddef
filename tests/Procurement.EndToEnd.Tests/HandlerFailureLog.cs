using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Procurement.EndToEnd.Tests;

/// <summary>
/// Records what ASP.NET Core's gRPC layer logs at Error when a service method throws an exception it does not know
/// (Grpc.AspNetCore.Server.ServerCallHandler): such a call reached its caller as UNKNOWN or INTERNAL.
/// </summary>
public sealed class HandlerFailureLog : ILoggerProvider
{
    private const string Category = "Grpc.AspNetCore.Server.ServerCallHandler";
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Recorder(_entries) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() { }

    private sealed class Recorder(ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue($"{formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
        }
    }
}
