using System.Diagnostics;
using System.Text;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Testing;

namespace Procurement.Observability.Tests;

/// <summary>A host configured with an OTLP endpoint exports its spans, metrics and logs there, over either protocol.</summary>
public sealed class OtlpExportTests
{
    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task Spans_metrics_and_logs_reach_the_collector(string protocol)
    {
        await using var collector = await FakeOtlpReceiver.StartAsync();
        var endpoint = protocol == "grpc" ? collector.GrpcEndpoint : collector.HttpEndpoint;
        var serviceName = "otlp-export-test-" + protocol.Replace('/', '-');
        ActivityTraceId trace;
        await using (var host = await TelemetryHost.StartAsync(serviceName, new Dictionary<string, string?>
        {
            ["Telemetry:Endpoint"] = endpoint.ToString(),
            ["Telemetry:Protocol"] = protocol,
            ["Telemetry:MetricExportInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Information",
        }))
        {
            trace = await TelemetryHost.UnderNewTraceAsync(() => host.Client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout).ResponseAsync);
            await Eventually.True(() => Contains(collector.Received("metrics"), "http.server.request.duration"), "the request duration metric (ASP.NET Core) was exported");
        } // stopping the host flushes the batched spans and logs

        var traceBytes = Convert.FromHexString(trace.ToHexString());
        await Eventually.True(() => collector.Received("traces").Any(body => Contains(body, traceBytes) && Contains(body, serviceName)),
            $"a trace export naming {serviceName} and holding trace {trace}");
        Assert.True(collector.Received("traces").Any(body => Contains(body, "grpc.health.v1.Health/Check")), "the span carries the method's path");
        await Eventually.True(() => collector.Received("logs").Any(body => Contains(body, serviceName)), "a log export from the host");
        Assert.All(collector.Received("traces"), body => Assert.NotEmpty(body));
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_exported_yet_spans_are_made()
    {
        await using var host = await TelemetryHost.StartAsync("otlp-off-test", new Dictionary<string, string?>());
        var options = host.Services.GetRequiredService<TelemetryOptions>();
        Assert.Null(options.Endpoint);
        Assert.False(options.ExportsAnything);

        // The tracer provider exists even so (its listening makes the spans and trace ids); no meter provider.
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        var trace = await TelemetryHost.UnderNewTraceAsync(() => host.Client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + TestInfrastructure.Timeout).ResponseAsync);
        Assert.NotEqual(default, trace);
    }

    private static bool Contains(IEnumerable<byte[]> bodies, string text) => bodies.Any(body => Contains(body, text));
    private static bool Contains(byte[] body, string text) => Contains(body, Encoding.UTF8.GetBytes(text));
    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;
}
