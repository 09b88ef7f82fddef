using System.CommandLine;
using Procurement.Contracts.Tender.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>clarification ask/answer/list.</summary>
internal static class ClarificationCommands
{
    public static Command Build(Globals globals) => Group("clarification", "Clarification questions: suppliers ask, the procurement team answers for everyone.",
        Ask(globals), Answer(globals), List(globals));

    private static Command Ask(Globals globals)
    {
        var (tender, question) = (Arg("tender", "The tender's id."), Required("--question", "The question."));
        return Command("ask", "Supplier: ask a question before the clarification deadline (prints its id with -q).", tender, question)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Tenders.AskClarificationAsync(
                new AskClarificationRequest { TenderId = parse.GetValue(tender)!, Question = parse.GetValue(question)! }, o))));
    }

    private static Command Answer(Globals globals)
    {
        var (id, answer) = (Arg("clarification", "The question's id."), Required("--answer", "The answer, visible to every supplier."));
        return Command("answer", "Procurement officer: answer a question, once.", id, answer)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Tenders.AnswerClarificationAsync(
                new AnswerClarificationRequest { ClarificationId = parse.GetValue(id)!, Answer = parse.GetValue(answer)! }, o))));
    }

    private static Command List(Globals globals)
    {
        var tender = Arg("tender", "The tender's id.");
        return Command("list", "The questions you may see: the procurement team every one, others the answered ones and their own.", tender)
            .Runs(globals, async (parse, session) =>
            {
                var response = await session.CallAsync(o => session.Tenders.ListClarificationsAsync(new ListClarificationsRequest { TenderId = parse.GetValue(tender)! }, o));
                session.Printer.List(response.Clarifications, c => c.Id, ["id", "asked", "by", "question", "answer"],
                    c => [c.Id, Time(c.AskedAt), c.AskedByOrganisation, c.Question, c.Answer], "No clarifications.");
            });
    }

    private static void Print(Calls.Session session, Clarification clarification) =>
        session.Printer.Item(clarification, clarification.Id,
            ("clarification", clarification.Id), ("tender", clarification.TenderId), ("question", clarification.Question),
            ("asked", Time(clarification.AskedAt)), ("by", clarification.AskedByOrganisation),
            ("answer", clarification.Answer), ("answered", Time(clarification.AnsweredAt)));
}
