using System.CommandLine;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Procurement.Contracts.Award.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>award list/show/summary, and the award printing the decision, challenge and contract commands share.</summary>
internal static class AwardCommands
{
    public static Command Build(Globals globals) => Group("award", "Each commissioner's award of its lot: recommendation, Record of Decision, standstill.",
        List(globals), Show(globals), Summary(globals));

    public static Argument<string> AwardArg() => Arg("award", "The award's id (`award list --tender <id> -q`).");

    private static Command List(Globals globals)
    {
        var (tender, commissioner, wait, timeout) = (Optional("--tender", "Only this tender's awards."), Optional("--commissioner", "Only this commissioner's."), Wait(), Timeout());
        return Command("list", "The awards you may see; --wait until a completed evaluation's award appears.", tender, commissioner, wait, timeout)
            .Runs(globals, async (parse, session) =>
            {
                async Task<List<Award>> ListAsync() =>
                    [.. (await session.CallAsync(o => session.Awards.ListAwardsAsync(new ListAwardsRequest { TenderId = parse.GetValue(tender) ?? "" }, o)))
                        .Awards.Where(a => parse.GetValue(commissioner) is not { } c || a.Commissioner == c)];
                var awards = parse.GetValue(wait)
                    ? await session.WaitAsync("the award to be recommended", parse.GetValue(timeout), async () => await ListAsync() is { Count: > 0 } found ? found : null)
                    : await ListAsync();
                session.Printer.List(awards, a => a.Id, ["id", "tender", "lot", "commissioner", "stage", "preferred supplier", "next signatory", "standstill ends"],
                    a => [a.Id, a.TenderId, a.LotId, a.Commissioner, Name(a.Stage), a.PreferredSupplier,
                        a.NextSignatory == Signatory.Unspecified ? "" : Name(a.NextSignatory), Time(a.StandstillEnds)],
                    "No awards you may see.");
            });
    }

    private static Command Show(Globals globals)
    {
        var id = AwardArg();
        return Command("show", "An award: ranking, decision, signatures, standstill, challenges, contract.", id)
            .Runs(globals, async (parse, session) => Print(session, await GetAsync(session, parse.GetValue(id)!)));
    }

    private static Command Summary(Globals globals)
    {
        var (id, supplier) = (AwardArg(), Optional("--supplier", "Commissioning officers: whose summary (suppliers always get their own)."));
        return Command("summary", "A bidder's assessment summary: its scores beside the winner's.", id, supplier)
            .Runs(globals, async (parse, session) =>
            {
                var summary = await session.CallAsync(o => session.Awards.GetAssessmentSummaryAsync(
                    new GetAssessmentSummaryRequest { AwardId = parse.GetValue(id)!, Supplier = parse.GetValue(supplier) ?? "" }, o));
                session.Printer.Item(summary, summary.AwardId,
                    ("award", summary.AwardId), ("supplier", summary.Supplier), ("successful", summary.Successful ? "yes" : "no"),
                    ("own", Outcome(summary.Own)), ("winner", Outcome(summary.Winner)), ("standstill ends", Time(summary.StandstillEnds)));
            });
    }

    private static string Outcome(BidOutcome? outcome) => outcome is null ? "" :
        $"{outcome.Supplier}: rank {outcome.Rank}, {outcome.TotalMarks} marks, {MoneyText.Format(outcome.AnnualPrice)} a year" +
        (outcome.ExclusionReason.Length > 0 ? $", excluded: {outcome.ExclusionReason}" : "");

    public static Task<Award> GetAsync(Session session, string awardId) =>
        session.CallAsync(o => session.Awards.GetAwardAsync(new GetAwardRequest { AwardId = awardId }, o));

    public static void Print(Session session, Award award)
    {
        session.Printer.Item(award, award.Id,
            ("award", award.Id), ("tender", award.TenderId), ("lot", award.LotId), ("commissioner", award.Commissioner), ("stage", Name(award.Stage)),
            ("preferred supplier", award.PreferredSupplier), ("decision", award.Decision is { } d ? $"{d.Reference}: {d.Title}" : ""),
            ("signed", string.Join("; ", award.Signatures.Select(s => $"{Name(s.As)} {s.Name} ({Time(s.At)})"))),
            ("next signatory", award.NextSignatory == Signatory.Unspecified ? "" : Name(award.NextSignatory)),
            ("refused", award.Refusal is { } r ? $"{Name(r.As)} {r.Name}: {r.Reason}" : ""),
            ("notified", Time(award.NotifiedAt)), ("standstill ends", Time(award.StandstillEnds)),
            ("challenges", string.Join("; ", award.Challenges.Select(c => $"{c.Supplier}: {c.Grounds}{(c.Resolution.Length > 0 ? $" → {c.Resolution}" : " (open)")}"))),
            ("contract", award.Contract is { } c ? ContractCommands.Describe(c) : ""));
        if (session.Printer.Mode == Output.OutputMode.Human && award.Ranking.Count > 0)
            session.Printer.Table(["rank", "supplier", "annual price", "total marks", "excluded because"],
                award.Ranking.Select(b => new[] { b.Rank == 0 ? "-" : b.Rank.ToString(), b.Supplier, MoneyText.Format(b.AnnualPrice), b.TotalMarks, b.ExclusionReason }));
    }
}
