namespace Procurement.Observability;

/// <summary>The activity sources and meters a host's telemetry subscribes to beyond the instrumentations; a host adds its own.</summary>
public sealed class ProcurementTelemetry
{
    /// <summary>Spans every host records besides ASP.NET Core's, HttpClient's, the gRPC client's and Npgsql's: the outbox and MassTransit.</summary>
    public static readonly IReadOnlyList<string> StandardSources = ["Procurement.Messaging", "MassTransit"];

    /// <summary>
    /// Metrics every host exports besides the instrumentations': the outbox, the .NET runtime, Kestrel, MassTransit and
    /// Npgsql (those that a host does not use simply stay empty).
    /// </summary>
    public static readonly IReadOnlyList<string> StandardMeters =
        ["Procurement.Messaging", "System.Runtime", "Microsoft.AspNetCore.Server.Kestrel", "MassTransit"];

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
