using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using System.Reflection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Procurement.Observability;

public static class TelemetryServiceExtensions
{
    /// <summary>
    /// Traces, metrics and structured logs for this host (see the README): spans of ASP.NET Core (calls served),
    /// HttpClient and the gRPC client (calls made), the outbox, MassTransit and Npgsql; OTLP export of traces, metrics and logs when an endpoint is configured
    /// (Telemetry:Endpoint or OTEL_EXPORTER_OTLP_ENDPOINT); console logs carrying TraceId and SpanId, as JSON
    /// with Logging:Console:FormatterName=json.
    /// </summary>
    /// <param name="serviceName">service.name unless Telemetry:ServiceName or OTEL_SERVICE_NAME says otherwise.</param>
    /// <param name="configure">The host's own activity sources and meters.</param>
    public static TBuilder AddProcurementTelemetry<TBuilder>(this TBuilder builder, string serviceName, Action<ProcurementTelemetry>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var options = TelemetryOptions.From(builder.Configuration, serviceName);
        var subscriptions = new ProcurementTelemetry();
        configure?.Invoke(subscriptions);

        builder.Services.AddSingleton(options);
        // The tracer provider exists even when nothing is exported: its listening is what makes the spans, and so the
        // trace ids that cross gRPC calls and RabbitMQ and appear in the logs.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                options.ServiceName,
                serviceNamespace: "procurement",
                serviceVersion: Assembly.GetEntryAssembly()?.GetName().Version?.ToString(),
                autoGenerateServiceInstanceId: true))
            .WithTracing(traces =>
            {
                traces.SetSampler(new ParentBasedSampler(options.SamplingRatio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddGrpcClientInstrumentation()
                    .AddNpgsql()
                    .AddSource([.. subscriptions.Sources.Distinct()]);
                if (options.Endpoint is not null && options.ExportTraces)
                    traces.AddOtlpExporter(otlp => Configure(otlp, options, "traces"));
            });
        if (options.Endpoint is not null && options.ExportMetrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter([.. subscriptions.Meters.Distinct()])
                .AddMeter("Npgsql")
                .AddOtlpExporter((otlp, reader) =>
                {
                    Configure(otlp, options, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricExportInterval.TotalMilliseconds;
                }));
        }
        if (options.Endpoint is not null && options.ExportLogs)
        {
            telemetry.WithLogging(logs => logs.AddOtlpExporter(otlp => Configure(otlp, options, "logs")), logs =>
            {
                logs.IncludeScopes = true;
                logs.IncludeFormattedMessage = true;
            });
        }

        builder.Logging.AddStructuredConsole(builder.Configuration);
        return builder;
    }

    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions options, string signal)
    {
        otlp.Protocol = options.Protocol;
        otlp.Endpoint = options.SignalEndpoint(signal);
        if (options.Headers is not null) otlp.Headers = options.Headers;
    }

    /// <summary>
    /// Every log entry carries the current trace and span ids (as a scope), and the console formatters show
    /// scopes unless configured not to. The formatter is Logging:Console:FormatterName: "simple" (the
    /// default) or "json", one object per line with UTC timestamps, for containers.
    /// </summary>
    public static ILoggingBuilder AddStructuredConsole(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // Configuration decides, also over a host builder that set a formatter in code (the slim builder's "simple").
        if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatterName)
            logging.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = formatterName);
        // With no formatter named at all, the console logger copies its obsolete options (IncludeScopes false) over the
        // simple formatter's, and the scopes carrying the trace id vanish: name the default explicitly.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        var formatter = configuration.GetSection("Logging:Console:FormatterOptions");
        bool Unset(string key) => formatter[key] is null;
        logging.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            if (Unset(nameof(o.IncludeScopes))) o.IncludeScopes = true;
            if (Unset(nameof(o.UseUtcTimestamp))) o.UseUtcTimestamp = true;
            if (Unset(nameof(o.TimestampFormat))) o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        logging.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            if (Unset(nameof(o.IncludeScopes))) o.IncludeScopes = true;
        });
        return logging;
    }
}
