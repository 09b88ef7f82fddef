namespace Procurement.Cli.Output;

public enum OutputMode
{
    /// <summary>Tables for lists, key facts for single items.</summary>
    Human,
    /// <summary>The proto JSON mapping of what the service answered.</summary>
    Json,
    /// <summary>Only the id of what was created or found, one per line: for $(…) in scripts.</summary>
    Quiet,
}
