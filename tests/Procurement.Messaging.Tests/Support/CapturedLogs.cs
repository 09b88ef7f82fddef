using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Procurement.Messaging.Tests.Support;

/// <summary>Keeps log entries of one test host, so a test can check that failures were logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => _entries.ToArray();

    public int Count(LogLevel atLeast, string containing) =>
        _entries.Count(e => e.Level >= atLeast && e.Message.Contains(containing, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            logs._entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
