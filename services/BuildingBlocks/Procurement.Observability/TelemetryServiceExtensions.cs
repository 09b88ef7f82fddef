using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;

namespace Procurement.Observability;

public static class TelemetryServiceExtensions
{
    /// <summary>
    /// Traces, metrics and structured logs for this host (see the README): spans of the gRPC runtime, the
    /// outbox, MassTransit and Npgsql; OTLP export of traces, metrics and logs when an endpoint is configured
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
        builder.Services.AddSingleton(subscriptions);
        builder.Services.AddSingleton<TelemetryProviders>();
        // First of the hosted services, so the bus and the outbox dispatcher start traced.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, TelemetryStartup>());

        builder.Logging.AddStructuredConsole(builder.Configuration);
        if (options.Endpoint is not null && options.ExportLogs)
        {
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.SetResourceBuilder(TelemetryProviders.Resource(options));
                logs.IncludeScopes = true;
                logs.IncludeFormattedMessage = true;
                logs.AddOtlpExporter(otlp => TelemetryProviders.Configure(otlp, options, "logs"));
            });
        }
        return builder;
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
