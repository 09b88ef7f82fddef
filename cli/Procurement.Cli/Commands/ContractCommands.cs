using System.CommandLine;
using Procurement.Cli.Input;
using Procurement.Contracts.Award.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>contract enter/show/extend.</summary>
internal static class ContractCommands
{
    public static Command Build(Globals globals) => Group("contract", "Contracts: entered after standstill, extended by the commissioner's own decision.",
        Enter(globals), Show(globals), Extend(globals));

    private static Command Enter(Globals globals)
    {
        var id = AwardCommands.AwardArg();
        return Command("enter", "Commissioning officer, after standstill: enter into the contract (prints its id with -q).", id)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Awards.EnterContractAsync(
                new EnterContractRequest { AwardId = parse.GetValue(id)! }, o))));
    }

    private static Command Show(Globals globals)
    {
        var id = AwardCommands.AwardArg();
        return Command("show", "The contract of an award.", id)
            .Runs(globals, async (parse, session) =>
            {
                var award = await AwardCommands.GetAsync(session, parse.GetValue(id)!);
                if (award.Contract is null || award.Contract.Id.Length == 0)
                    throw new CliException(ExitCodes.Refused, $"Award {award.Id} has no contract yet (stage: {Name(award.Stage)}).");
                Print(session, award.Contract);
            });
    }

    private static Command Extend(Globals globals)
    {
        var id = AwardCommands.AwardArg();
        var reference = Required("--reference", "The extension's own Record of Decision reference.");
        var months = Number("--months", "How many months (a whole number of the contract's extension steps).");
        var value = Required("--annual-value", "The annual value during the extension, e.g. 550000 (pounds).");
        var currency = new Option<string>("--currency") { Description = "ISO 4217 (default GBP).", DefaultValueFactory = _ => "GBP" };
        var comments = Optional("--comments", "The commissioner's comments.");
        return Command("extend", "Commissioner: extend the contract, a decision of its own.", id, reference, months, value, currency, comments)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Awards.ExtendContractAsync(new ExtendContractRequest
            {
                AwardId = parse.GetValue(id)!, Reference = parse.GetValue(reference)!, Months = parse.GetValue(months),
                AnnualValue = MoneyText.Parse(parse.GetValue(value)!, parse.GetValue(currency)!), Comments = parse.GetValue(comments) ?? "",
            }, o))));
    }

    public static string Describe(Contract c) =>
        $"{c.Id}: {c.Supplier} for {c.Commissioner}, {Day(c.Start)} to {Day(c.CurrentEnd)}, {MoneyText.Format(c.AnnualValue)} a year";

    private static void Print(Calls.Session session, Contract contract) =>
        session.Printer.Item(contract, contract.Id,
            ("contract", contract.Id), ("award", contract.AwardId), ("tender", contract.TenderId), ("lot", contract.LotId),
            ("supplier", contract.Supplier), ("commissioner", contract.Commissioner), ("start", Day(contract.Start)),
            ("initial end", Day(contract.InitialEnd)), ("current end", Day(contract.CurrentEnd)), ("annual value", MoneyText.Format(contract.AnnualValue)),
            ("extensions allowed", $"{contract.ExtensionAllowanceMonths} months in {contract.ExtensionStepMonths}-month steps, {contract.RemainingAllowanceMonths} left"),
            ("entered", Time(contract.EnteredAt)),
            ("extensions", string.Join("; ", contract.Extensions.Select(e => $"{e.Reference}: {e.Months} months to {Day(e.To)} at {MoneyText.Format(e.AnnualValue)} a year"))));
}
