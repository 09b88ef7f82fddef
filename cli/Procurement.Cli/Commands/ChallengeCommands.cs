using System.CommandLine;
using Procurement.Contracts.Award.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>challenge record/resolve: a challenge during standstill suspends the award.</summary>
internal static class ChallengeCommands
{
    public static Command Build(Globals globals) => Group("challenge", "Challenges during standstill (procurement or commissioning officers).",
        Record(globals), Resolve(globals));

    private static Command Record(Globals globals)
    {
        var (id, supplier, grounds) = (AwardCommands.AwardArg(), Required("--supplier", "The challenging supplier."), Required("--grounds", "The grounds."));
        return Command("record", "Record a supplier's challenge: the award is suspended.", id, supplier, grounds)
            .Runs(globals, async (parse, session) => AwardCommands.Print(session, await session.CallAsync(o => session.Awards.RecordChallengeAsync(
                new RecordChallengeRequest { AwardId = parse.GetValue(id)!, Supplier = parse.GetValue(supplier)!, Grounds = parse.GetValue(grounds)! }, o))));
    }

    private static Command Resolve(Globals globals)
    {
        var (id, resolution) = (AwardCommands.AwardArg(), Required("--resolution", "How it was resolved."));
        return Command("resolve", "Resolve the open challenge: the award goes on.", id, resolution)
            .Runs(globals, async (parse, session) => AwardCommands.Print(session, await session.CallAsync(o => session.Awards.ResolveChallengeAsync(
                new ResolveChallengeRequest { AwardId = parse.GetValue(id)!, Resolution = parse.GetValue(resolution)! }, o))));
    }
}
