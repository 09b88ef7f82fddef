using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Procurement.Observability;

/// <summary>
/// What a host exports, resolved from its configuration: the "Telemetry" section first, then the standard
/// OpenTelemetry environment variables (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT,
/// OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS, OTEL_METRIC_EXPORT_INTERVAL). Nothing is
/// exported unless an endpoint is set.
/// </summary>
public sealed record TelemetryOptions
{
    public const string SectionName = "Telemetry";

    public required string ServiceName { get; init; }
    /// <summary>The collector's base address (e.g. http://collector:4317 for grpc, :4318 for http/protobuf); null: no export.</summary>
    public Uri? Endpoint { get; init; }
    public OtlpExportProtocol Protocol { get; init; } = OtlpExportProtocol.Grpc;
    /// <summary>"key=value,key2=value2", sent with every export (e.g. a collector's API key).</summary>
    public string? Headers { get; init; }
    public bool ExportTraces { get; init; } = true;
    public bool ExportMetrics { get; init; } = true;
    public bool ExportLogs { get; init; } = true;
    /// <summary>Share of new traces recorded (1 = all); a call that arrives with a sampled parent is always recorded.</summary>
    public double SamplingRatio { get; init; } = 1.0;
    public TimeSpan MetricExportInterval { get; init; } = TimeSpan.FromSeconds(60);

    public bool ExportsAnything => Endpoint is not null && (ExportTraces || ExportMetrics || ExportLogs);

    public static TelemetryOptions From(IConfiguration configuration, string defaultServiceName)
    {
        var section = configuration.GetSection(SectionName);
        string? Read(string key, string environmentVariable) =>
            NonEmpty(section[key]) ?? NonEmpty(configuration[environmentVariable]);

        var endpoint = Read("Endpoint", "OTEL_EXPORTER_OTLP_ENDPOINT");
        return new TelemetryOptions
        {
            ServiceName = Read("ServiceName", "OTEL_SERVICE_NAME") ?? defaultServiceName,
            Endpoint = endpoint is null ? null : ParseEndpoint(endpoint),
            Protocol = ParseProtocol(Read("Protocol", "OTEL_EXPORTER_OTLP_PROTOCOL")),
            Headers = Read("Headers", "OTEL_EXPORTER_OTLP_HEADERS"),
            ExportTraces = section.GetValue("ExportTraces", true),
            ExportMetrics = section.GetValue("ExportMetrics", true),
            ExportLogs = section.GetValue("ExportLogs", true),
            SamplingRatio = Math.Clamp(section.GetValue("SamplingRatio", 1.0), 0, 1),
            MetricExportInterval = section.GetValue<TimeSpan?>("MetricExportInterval")
                ?? (int.TryParse(configuration["OTEL_METRIC_EXPORT_INTERVAL"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                    ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(60)),
        };
    }

    /// <summary>Where one signal goes: http/protobuf posts to {endpoint}/v1/{signal}, gRPC calls the endpoint itself.</summary>
    public Uri SignalEndpoint(string signal)
    {
        var endpoint = Endpoint ?? throw new InvalidOperationException("No OTLP endpoint is configured.");
        return Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal)
            : endpoint;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri ParseEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException(
                $"The OTLP endpoint '{value}' (Telemetry:Endpoint or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http:// or https:// address, e.g. http://collector:4317.");

    private static OtlpExportProtocol ParseProtocol(string? value) => value?.ToLowerInvariant() switch
    {
        null or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException(
            $"The OTLP protocol '{value}' (Telemetry:Protocol or OTEL_EXPORTER_OTLP_PROTOCOL) is not supported: use grpc or http/protobuf."),
    };
}
