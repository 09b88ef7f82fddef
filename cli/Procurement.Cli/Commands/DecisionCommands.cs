using System.CommandLine;
using Procurement.Cli.Input;
using Procurement.Contracts.Award.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>decision draft/sign/refuse: each commissioner's Record of Decision.</summary>
internal static class DecisionCommands
{
    public static Command Build(Globals globals) => Group("decision",
        "Records of Decision: drafted by the commissioning officer, signed by the finance officer, chief executive and commissioner, in that order.",
        Draft(globals), Sign(globals), Refuse(globals));

    private static Command Draft(Globals globals)
    {
        var id = AwardCommands.AwardArg();
        var file = Optional("--file", "A YAML or JSON file of the decision (the DecisionText proto: reference, title, executiveSummary, recommendation, decision).");
        var reference = Optional("--reference", "e.g. OPCC.D.032.23 (overrides the file's).");
        var title = Optional("--title", "The decision's title.");
        var summary = Optional("--summary", "The executive summary.");
        var recommendation = Optional("--recommendation", "The recommendation.");
        var decision = Optional("--decision", "The decision itself.");
        return Command("draft", "Commissioning officer: draft (or after a refusal redraft) the Record of Decision.", id, file, reference, title, summary, recommendation, decision)
            .Runs(globals, async (parse, session) =>
            {
                var text = parse.GetValue(file) is { } path ? MessageFile.Read(path, DecisionText.Parser, DecisionText.Descriptor) : new DecisionText();
                if (parse.GetValue(reference) is { } r) text.Reference = r;
                if (parse.GetValue(title) is { } t) text.Title = t;
                if (parse.GetValue(summary) is { } s) text.ExecutiveSummary = s;
                if (parse.GetValue(recommendation) is { } rec) text.Recommendation = rec;
                if (parse.GetValue(decision) is { } d) text.Decision = d;
                AwardCommands.Print(session, await session.CallAsync(o => session.Awards.DraftDecisionAsync(
                    new DraftDecisionRequest { AwardId = parse.GetValue(id)!, Decision = text }, o)));
            });
    }

    private static Option<string?> SignatoryOption() => Optional("--signatory", "finance_officer, chief_executive or commissioner: only when you hold several of these roles.");

    private static Command Sign(Globals globals)
    {
        var (id, signatory, comments) = (AwardCommands.AwardArg(), SignatoryOption(), Optional("--comments", "Your comments, on the record."));
        return Command("sign", "Sign the Record of Decision in your role (finance officer, then chief executive, then commissioner).", id, signatory, comments)
            .Runs(globals, async (parse, session) => AwardCommands.Print(session, await session.CallAsync(o => session.Awards.SignDecisionAsync(
                new SignDecisionRequest { AwardId = parse.GetValue(id)!, As = ParseSignatory(parse.GetValue(signatory)), Comments = parse.GetValue(comments) ?? "" }, o))));
    }

    private static Command Refuse(Globals globals)
    {
        var (id, signatory, reason) = (AwardCommands.AwardArg(), SignatoryOption(), Required("--reason", "Why; the commissioning officer may redraft."));
        return Command("refuse", "Refuse to sign the Record of Decision.", id, signatory, reason)
            .Runs(globals, async (parse, session) => AwardCommands.Print(session, await session.CallAsync(o => session.Awards.RefuseDecisionAsync(
                new RefuseDecisionRequest { AwardId = parse.GetValue(id)!, As = ParseSignatory(parse.GetValue(signatory)), Reason = parse.GetValue(reason)! }, o))));
    }

    private static Signatory ParseSignatory(string? text) => text switch
    {
        null => Signatory.Unspecified,
        "finance_officer" => Signatory.FinanceOfficer,
        "chief_executive" => Signatory.ChiefExecutive,
        "commissioner" => Signatory.Commissioner,
        _ => throw CliException.Usage($"'{text}' is not a signatory; use finance_officer, chief_executive or commissioner."),
    };
}
