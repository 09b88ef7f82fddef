using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Procurement.Contracts.Award.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>ocds export: the tender's OCDS 1.1 release package.</summary>
internal static class OcdsCommands
{
    public static Command Build(Globals globals)
    {
        var tender = Arg("tender", "The tender's id.");
        var output = Optional("--output", "Write to this file instead of stdout.");
        var export = Command("export", "The tender's OCDS 1.1 release package (tender, award and contract releases) as JSON.", tender, output)
            .Runs(globals, async (parse, session) =>
            {
                var package = await session.CallAsync(o => session.Awards.GetReleasePackageAsync(new GetReleasePackageRequest { TenderId = parse.GetValue(tender)! }, o));
                var json = JsonNode.Parse(package.Json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                if (parse.GetValue(output) is { } path)
                {
                    await File.WriteAllTextAsync(path, json + "\n");
                    var releases = JsonNode.Parse(package.Json)?["releases"]?.AsArray().Count ?? 0;
                    if (session.Printer.Mode == Output.OutputMode.Quiet) session.Printer.Raw(path);
                    else session.Printer.Line($"Wrote the OCDS release package ({releases} releases) to {path}.");
                }
                else
                {
                    session.Printer.Raw(json);
                }
            });
        return Group("ocds", "Open Contracting Data Standard exports.", export);
    }
}
