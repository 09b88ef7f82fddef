using System.CommandLine;
using Procurement.Cli.Commands;
using Procurement.Cli.Output;
using Procurement.Contracts.Common.V1;
using Grpc.Core;

namespace Procurement.Cli;

/// <summary>The whole CLI as one call, so that tests run it in-process with their own writers and environment.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment environment,
        CancellationToken cancellationToken = default)
    {
        var globals = new Globals(environment, output, error);
        var root = Build(globals);
        var parse = root.Parse(args);
        var printer = globals.PrinterFor(parse);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors) printer.Error(problem.Message);
            printer.Note("Run with --help for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (Exception ex)
        {
            return Report(ex, printer);
        }
    }

    public static RootCommand Build(Globals globals)
    {
        var root = new RootCommand(
            "procurement: joint tenders for police and crime commissioners, through the suite's gateway (gRPC).\n" +
            "Gateway: --gateway, PROCUREMENT_GATEWAY, or " + CliEnvironment.DefaultGateway + ". Identity: --as <profile>, PROCUREMENT_PROFILE, " +
            "or the profile last logged in (profiles in PROCUREMENT_HOME, default ~/.procurement).\n" + ExitCodes.Summary);
        globals.AddTo(root);
        foreach (var command in new[]
                 {
                     LoginCommands.Login(globals), LoginCommands.Logout(globals), LoginCommands.WhoAmI(globals), LoginCommands.Profiles(globals),
                     TenderCommands.Build(globals), ClarificationCommands.Build(globals), BidCommands.Build(globals),
                     PanelCommands.Build(globals), DecisionCommands.Build(globals), AwardCommands.Build(globals),
                     ChallengeCommands.Build(globals), ContractCommands.Build(globals), OcdsCommands.Build(globals), ClockCommands.Build(globals),
                 })
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Prints what went wrong and returns the exit code it maps to (see <see cref="ExitCodes"/>).</summary>
    public static int Report(Exception exception, Printer printer)
    {
        switch (exception)
        {
            case CliException cli:
                printer.Error(cli.Message);
                return cli.ExitCode;
            case RpcException rpc:
                var code = ExitCodeOf(rpc);
                printer.Error(code == ExitCodes.Unreachable
                    ? $"UNAVAILABLE: the gateway could not be reached or a service behind it is down ({rpc.Status.Detail})"
                    : $"{StatusName(rpc.StatusCode)}: {rpc.Status.Detail}");
                foreach (var violation in FieldViolations.Of(rpc))
                    printer.ErrorDetail($"{violation.Field}: {violation.Description}");
                if (code == ExitCodes.NotSignedIn) printer.Note("Log in again (`procurement login …`) or pick another profile with --as.");
                return code;
            case OperationCanceledException:
                printer.Error("Cancelled.");
                return 130;
            default:
                printer.Error($"{exception.GetType().Name}: {exception.Message}");
                return ExitCodes.Refused;
        }
    }

    public static int ExitCodeOf(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.Unauthenticated => ExitCodes.NotSignedIn,
        StatusCode.Unavailable => ExitCodes.Unreachable,
        _ => ExitCodes.Refused,
    };

    /// <summary>PERMISSION_DENIED, as gRPC names its codes.</summary>
    public static string StatusName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
