using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Procurement.Observability.Tests;

public sealed class TelemetryOptionsTests
{
    private static TelemetryOptions From(Dictionary<string, string?> settings) =>
        TelemetryOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "tenders");

    [Fact]
    public void Nothing_configured_means_no_export_and_the_hosts_own_name()
    {
        var options = From([]);
        Assert.Equal("tenders", options.ServiceName);
        Assert.Null(options.Endpoint);
        Assert.False(options.ExportsAnything);
    }

    [Fact]
    public void Standard_environment_variables_are_read()
    {
        var options = From(new()
        {
            ["OTEL_SERVICE_NAME"] = "tenders-eu",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "api-key=local-dev",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "15000",
        });
        Assert.Equal("tenders-eu", options.ServiceName);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, options.Protocol);
        Assert.Equal("api-key=local-dev", options.Headers);
        Assert.Equal(TimeSpan.FromSeconds(15), options.MetricExportInterval);
        Assert.Equal(new Uri("http://collector:4318/v1/traces"), options.SignalEndpoint("traces"));
        Assert.Equal(new Uri("http://collector:4318/v1/metrics"), options.SignalEndpoint("metrics"));
    }

    [Fact]
    public void The_telemetry_section_wins_and_grpc_is_the_default_protocol()
    {
        var options = From(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://elsewhere:4317",
            ["Telemetry:Endpoint"] = "http://collector:4317",
            ["Telemetry:ExportLogs"] = "false",
        });
        Assert.Equal(OtlpExportProtocol.Grpc, options.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), options.SignalEndpoint("traces"));
        Assert.False(options.ExportLogs);
        Assert.True(options.ExportsAnything);
    }

    [Theory]
    [InlineData("Telemetry:Protocol", "http/json", "grpc or http/protobuf")]
    [InlineData("Telemetry:Endpoint", "collector:4317", "absolute http:// or https://")]
    public void A_bad_setting_is_refused_with_what_to_write_instead(string key, string value, string advice)
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(new() { [key] = value, ["Telemetry:Endpoint"] = key == "Telemetry:Endpoint" ? value : "http://collector:4317" }));
        Assert.Contains(advice, error.Message);
    }
}
