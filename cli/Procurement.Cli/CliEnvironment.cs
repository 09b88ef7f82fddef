using System.Collections;

namespace Procurement.Cli;

/// <summary>
/// What the CLI reads from outside its arguments: environment variables, the clock its development tokens are
/// dated by, and whether its output is a terminal. Tests pass their own instead of the process's.
/// </summary>
public sealed record CliEnvironment(IReadOnlyDictionary<string, string?> Variables, TimeProvider Clock, bool OutputIsTerminal)
{
    public const string GatewayVariable = "PROCUREMENT_GATEWAY";
    public const string HomeVariable = "PROCUREMENT_HOME";
    public const string ProfileVariable = "PROCUREMENT_PROFILE";
    public const string DefaultGateway = "http://127.0.0.1:5100";

    public static CliEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = entry.Value as string;
        return new CliEnvironment(variables, TimeProvider.System, !Console.IsOutputRedirected);
    }

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Where profiles live: PROCUREMENT_HOME, or ~/.procurement.</summary>
    public string Home => Get(HomeVariable)
        ?? Path.Combine(Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".procurement");

    /// <summary>NO_COLOR (https://no-color.org): any value turns colour off.</summary>
    public bool NoColor => Variables.ContainsKey("NO_COLOR");

    public bool IsDevelopment =>
        string.Equals(Get("ASPNETCORE_ENVIRONMENT") ?? Get("DOTNET_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase);
}
