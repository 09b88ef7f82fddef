using System.CommandLine;
using Procurement.Cli.Calls;
using Procurement.Cli.Output;
using Procurement.Cli.Profiles;

namespace Procurement.Cli;

/// <summary>The options every command takes, and what they make: the printer and the session with the gateway.</summary>
public sealed class Globals(CliEnvironment environment, TextWriter output, TextWriter error)
{
    public CliEnvironment Environment { get; } = environment;

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"The gateway's gRPC address (default: ${CliEnvironment.GatewayVariable}, else {CliEnvironment.DefaultGateway}).",
        Recursive = true,
    };
    public Option<string?> As { get; } = new("--as")
    {
        Description = $"The profile that makes the call (default: ${CliEnvironment.ProfileVariable}, else the one last logged in).",
        Recursive = true,
    };
    public Option<bool> Json { get; } = new("--json") { Description = "Print what the service answered as JSON (the proto JSON mapping).", Recursive = true };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only ids, one per line (for scripts).", Recursive = true };
    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Plain output, no colour or spinners (also NO_COLOR).", Recursive = true };

    public void AddTo(Command root)
    {
        foreach (var option in new Option[] { Gateway, As, Json, Quiet, NoColor }) root.Options.Add(option);
    }

    public Printer PrinterFor(ParseResult parse)
    {
        var mode = parse.GetValue(Json) ? OutputMode.Json : parse.GetValue(Quiet) ? OutputMode.Quiet : OutputMode.Human;
        var color = Environment.OutputIsTerminal && !Environment.NoColor && !parse.GetValue(NoColor);
        return new Printer(output, error, mode, color, Environment.OutputIsTerminal);
    }

    public ProfileStore Store => new(Environment.Home);

    public Uri GatewayAddress(ParseResult parse)
    {
        var text = parse.GetValue(Gateway) ?? Environment.Get(CliEnvironment.GatewayVariable) ?? CliEnvironment.DefaultGateway;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw CliException.Usage($"'{text}' is not a gateway address; write http://host:port or https://host:port.");
        return address;
    }

    public Session Open(ParseResult parse) => new(Environment, Store, GatewayAddress(parse), parse.GetValue(As), PrinterFor(parse));
}
