using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Date = Procurement.Contracts.Common.V1.Date;

namespace Procurement.Cli.Commands;

/// <summary>Small helpers that keep the command definitions short.</summary>
internal static class Kit
{
    public static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands) group.Subcommands.Add(command);
        return group;
    }

    public static Command Command(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else command.Options.Add((System.CommandLine.Option)symbol);
        }
        return command;
    }

    /// <summary>Runs the action with a session to the gateway; exceptions are mapped to exit codes by <see cref="Cli.Report"/>.</summary>
    public static Command Runs(this Command command, Globals globals, Func<ParseResult, Session, Task> action)
    {
        command.SetAction(async (parse, _) =>
        {
            using var session = globals.Open(parse);
            await action(parse, session);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Argument<string> Arg(string name, string description) => new(name) { Description = description };

    public static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Option<string[]> Many(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required, AllowMultipleArgumentsPerToken = false };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Option<int> Number(string name, string description, bool required = true) => new(name) { Description = description, Required = required };

    public static Option<bool> Wait() => new("--wait") { Description = "Wait (with a spinner) until it exists, at most --timeout." };

    public static Option<TimeSpan> Timeout() => new("--timeout")
    {
        Description = "How long --wait waits: 30s, 2m… (default 60s).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
        CustomParser = result => Durations.Parse(result.Tokens.Single().Value),
    };

    public static string Time(Timestamp? at) =>
        at is null || (at.Seconds == 0 && at.Nanos == 0) ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Day(Date? date) => date is null || date.Year == 0 ? "" : $"{date.Year:0000}-{date.Month:00}-{date.Day:00}";

    /// <summary>Stage.ReadyToContract → "ready to contract": an enum value as a person reads it.</summary>
    public static string Name<T>(T value) where T : struct, System.Enum
    {
        var name = value.ToString();
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
