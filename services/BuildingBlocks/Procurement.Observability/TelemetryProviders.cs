using System.Reflection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Procurement.Observability;

/// <summary>
/// The host's tracer and meter providers, disposed (and so flushed) with the host. The tracer provider
/// exists even when nothing is exported: its listening is what makes the spans, and so the trace ids that
/// cross gRPC calls and RabbitMQ and appear in the logs. The meter provider exists only to export.
/// </summary>
internal sealed class TelemetryProviders : IDisposable
{
    public TelemetryProviders(TelemetryOptions options, ProcurementTelemetry subscriptions)
    {
        var resource = Resource(options);
        var sampler = new ParentBasedSampler(options.SamplingRatio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(options.SamplingRatio));
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .SetSampler(sampler)
            .AddSource([.. subscriptions.Sources.Distinct()]);
        if (options.Endpoint is not null && options.ExportTraces)
            traces.AddOtlpExporter(otlp => Configure(otlp, options, "traces"));
        Tracer = traces.Build();

        if (options.Endpoint is not null && options.ExportMetrics)
        {
            Meter = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter([.. subscriptions.Meters.Distinct()])
                .AddOtlpExporter((otlp, reader) =>
                {
                    Configure(otlp, options, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds;
                })
                .Build();
        }
    }

    public TracerProvider? Tracer { get; }
    public MeterProvider? Meter { get; }

    internal static ResourceBuilder Resource(TelemetryOptions options) => ResourceBuilder.CreateDefault().AddService(
        options.ServiceName,
        serviceNamespace: "procurement",
        serviceVersion: Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
        autoGenerateServiceInstanceId: true);

    internal static void Configure(OtlpExporterOptions otlp, TelemetryOptions options, string signal)
    {
        otlp.Protocol = options.Protocol;
        otlp.Endpoint = options.SignalEndpoint(signal);
        if (options.Headers is not null) otlp.Headers = options.Headers;
    }

    public void Dispose()
    {
        Tracer?.Dispose();
        Meter?.Dispose();
    }
}

/// <summary>Creates the providers when the host starts (registered before every other hosted service).</summary>
internal sealed class TelemetryStartup(TelemetryProviders providers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = providers;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
