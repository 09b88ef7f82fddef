using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Procurement.Gateway.Tests.Support;

/// <summary>One structured log entry: its category, level and named values ({Path}, {Subject}, …).</summary>
public sealed record LogEntry(string Category, LogLevel Level, IReadOnlyDictionary<string, object?> Values, string Message);

/// <summary>Records the entries the gateway logs, with their structured values.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose() { }

    private sealed class Recorder(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            entries.Enqueue(new LogEntry(category, logLevel, values, formatter(state, exception)));
        }
    }
}
