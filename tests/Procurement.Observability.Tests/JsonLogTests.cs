using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grpc.Core.Interceptors;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using Procurement.Testing;

namespace Procurement.Observability.Tests;

/// <summary>Console output is captured process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

/// <summary>Logs one line per call while the handler runs, as a service's code would.</summary>
public sealed class CallLoggingInterceptor(ILogger<CallLoggingInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        logger.LogInformation("Handling {Method}", context.Method);
        return continuation(request, context);
    }
}

[Collection(nameof(ConsoleCapture))]
public sealed class JsonLogTests
{
    [Fact]
    public async Task A_log_line_written_while_handling_a_call_carries_its_trace_id_as_json()
    {
        var captured = new StringBuilder();
        var original = Console.Out;
        // The console logger takes Console.Out when the host builds it: redirect first.
        var writer = TextWriter.Synchronized(new StringWriter(captured));
        Console.SetOut(writer);
        try
        {
            await using var host = await TelemetryHost.StartAsync("json-log-test", new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:LogLevel:Default"] = "Information",
            }, grpc => grpc.Interceptors.Add<CallLoggingInterceptor>());

            var trace = await TelemetryHost.UnderNewTraceAsync(() => host.Client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout).ResponseAsync);

            var line = await Eventually.Single(() => Lines(writer, captured).FirstOrDefault(l => l.Contains("Handling /grpc.health.v1.Health/Check")),
                "the handler's log line on the console");
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
            Assert.Equal(typeof(CallLoggingInterceptor).FullName, root.GetProperty("Category").GetString());
            Assert.EndsWith("Z", root.GetProperty("Timestamp").GetString());
            var scopes = root.GetProperty("Scopes").EnumerateArray().ToList();
            Assert.Contains(scopes, scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == trace.ToHexString());
            // The span id too (of the server span current in the handler).
            Assert.Contains(scopes, scope => scope.TryGetProperty("SpanId", out var id) && id.GetString()!.Length == 16);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task With_the_default_formatter_the_line_carries_the_trace_id_too()
    {
        var captured = new StringBuilder();
        var original = Console.Out;
        var writer = TextWriter.Synchronized(new StringWriter(captured));
        Console.SetOut(writer);
        try
        {
            // No formatter named, on the full builder the services use: the console logger's default ("simple"), as a
            // developer's `dotnet run` has it.
            await using var host = await TelemetryHost.StartAsync("simple-log-test", new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
            }, grpc => grpc.Interceptors.Add<CallLoggingInterceptor>(), slim: false);

            var trace = await TelemetryHost.UnderNewTraceAsync(() => host.Client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout).ResponseAsync);

            // The simple formatter writes the entry's scopes between its "info: Category" line and its message: "=> SpanId:…, TraceId:…".
            await Eventually.True(() =>
                {
                    var text = Lines(writer, captured);
                    var at = Array.FindIndex(text, l => l.Contains("Handling /grpc.health.v1.Health/Check"));
                    return at >= 1 && text[at - 1].StartsWith("=>") && text[at - 1].Contains($"TraceId:{trace.ToHexString()}");
                },
                "the handler's log line followed by its scopes with the call's trace id");
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>The synchronized writer locks on itself while it writes.</summary>
    private static string[] Lines(TextWriter writer, StringBuilder captured)
    {
        lock (writer) return captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
