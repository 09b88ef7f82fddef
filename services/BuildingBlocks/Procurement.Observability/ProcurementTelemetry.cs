namespace Procurement.Observability;

/// <summary>The activity sources and meters a host's telemetry subscribes to; a host adds its own.</summary>
public sealed class ProcurementTelemetry
{
    /// <summary>Spans every host records: the gRPC runtime (calls served and made), the outbox, MassTransit, Npgsql.</summary>
    public static readonly IReadOnlyList<string> StandardSources =
        [Grpc.GrpcDiagnostics.SourceName, "Procurement.Messaging", "MassTransit", "Npgsql"];

    /// <summary>
    /// Metrics every host exports: the gRPC runtime and the outbox, the .NET runtime, ASP.NET Core's hosting
    /// and Kestrel, HttpClient, MassTransit and Npgsql (those that a host does not use simply stay empty).
    /// </summary>
    public static readonly IReadOnlyList<string> StandardMeters =
    [
        Grpc.GrpcDiagnostics.MeterName, "Procurement.Messaging", "System.Runtime", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "MassTransit", "Npgsql",
    ];

    internal List<string> Sources { get; } = [.. StandardSources];
    internal List<string> Meters { get; } = [.. StandardMeters];

    public ProcurementTelemetry AddSource(string name)
    {
        Sources.Add(name);
        return this;
    }

    public ProcurementTelemetry AddMeter(string name)
    {
        Meters.Add(name);
        return this;
    }
}
