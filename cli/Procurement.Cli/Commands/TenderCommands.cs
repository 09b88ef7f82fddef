using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Procurement.Contracts.Tender.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>tender create/update/publish/amend/cancel/cancel-lot/close/show/list/revisions.</summary>
internal static class TenderCommands
{
    public static Command Build(Globals globals) => Group("tender", "Tenders: drafts, publication, amendments, cancellation (procurement officers); reading (anyone signed in).",
        Create(globals), Update(globals), Publish(globals), Amend(globals), Cancel(globals), CancelLot(globals), Close(globals),
        Show(globals), List(globals), Revisions(globals));

    private static Option<string> File() => Required("--file", "A YAML or JSON file of the tender's content (the TenderContent proto in its JSON mapping; see cli/README.md).");
    private static Option<string?> Clarification() => Optional("--clarification-deadline", "Overrides the file's: an RFC 3339 instant, or +14d from the suite's clock now.");
    private static Option<string?> Submission() => Optional("--submission-deadline", "Overrides the file's: an RFC 3339 instant, or +30d from the suite's clock now.");
    private static Option<string?> ContractStart() => Optional("--contract-start",
        "Overrides every lot's contract start: a date (2023-04-01), or +90d: the first of the month after 90 days from the suite's clock now.");

    private static Command Create(Globals globals)
    {
        var (file, clarification, submission, start) = (File(), Clarification(), Submission(), ContractStart());
        return Command("create", "Create a draft tender from a file (prints its id with -q).", file, clarification, submission, start)
            .Runs(globals, async (parse, session) =>
            {
                var content = await ContentAsync(session, parse.GetValue(file)!, parse.GetValue(clarification), parse.GetValue(submission), parse.GetValue(start));
                var tender = await session.CallAsync(o => session.Tenders.CreateDraftAsync(new CreateDraftRequest { Content = content }, o));
                Print(session, tender);
            });
    }

    private static Command Update(Globals globals)
    {
        var (id, file, clarification, submission, start) = (Arg("tender", "The draft's id."), File(), Clarification(), Submission(), ContractStart());
        return Command("update", "Replace a draft's content from a file.", id, file, clarification, submission, start)
            .Runs(globals, async (parse, session) =>
            {
                var content = await ContentAsync(session, parse.GetValue(file)!, parse.GetValue(clarification), parse.GetValue(submission), parse.GetValue(start));
                var current = await GetAsync(session, parse.GetValue(id)!);
                var tender = await session.CallAsync(o => session.Tenders.UpdateDraftAsync(
                    new UpdateDraftRequest { TenderId = current.Id, ExpectedVersion = current.Version, Content = content }, o));
                Print(session, tender);
            });
    }

    private static Command Publish(Globals globals)
    {
        var id = Arg("tender", "The draft's id.");
        return Command("publish", "Validate and publish a draft (every problem is named).", id)
            .Runs(globals, async (parse, session) =>
            {
                var current = await GetAsync(session, parse.GetValue(id)!);
                var tender = await session.CallAsync(o => session.Tenders.PublishAsync(new PublishRequest { TenderId = current.Id, ExpectedVersion = current.Version }, o));
                Print(session, tender);
            });
    }

    private static Command Amend(Globals globals)
    {
        var (id, file, clarification, submission, start) = (Arg("tender", "The published tender's id."), File(), Clarification(), Submission(), ContractStart());
        var summary = Required("--summary", "What changed, as suppliers will read it.");
        return Command("amend", "Amend a published tender before its deadline (a new revision; bidders must reconfirm).", id, file, summary, clarification, submission, start)
            .Runs(globals, async (parse, session) =>
            {
                var content = await ContentAsync(session, parse.GetValue(file)!, parse.GetValue(clarification), parse.GetValue(submission), parse.GetValue(start));
                var current = await GetAsync(session, parse.GetValue(id)!);
                var tender = await session.CallAsync(o => session.Tenders.AmendAsync(new AmendRequest
                {
                    TenderId = current.Id, ExpectedVersion = current.Version, Content = content, Summary = parse.GetValue(summary)!,
                }, o));
                Print(session, tender);
            });
    }

    private static Command Cancel(Globals globals)
    {
        var (id, reason) = (Arg("tender", "The tender's id."), Required("--reason", "Why, for the record and the cancellation notice."));
        return Command("cancel", "Cancel the whole tender.", id, reason)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Tenders.CancelTenderAsync(
                new CancelTenderRequest { TenderId = parse.GetValue(id)!, Reason = parse.GetValue(reason)! }, o))));
    }

    private static Command CancelLot(Globals globals)
    {
        var (id, lot, reason) = (Arg("tender", "The tender's id."), Arg("lot", "The lot's id (e.g. essex)."), Required("--reason", "Why."));
        return Command("cancel-lot", "Cancel one lot; the others go on.", id, lot, reason)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Tenders.CancelLotAsync(
                new CancelLotRequest { TenderId = parse.GetValue(id)!, LotId = parse.GetValue(lot)!, Reason = parse.GetValue(reason)! }, o))));
    }

    private static Command Close(Globals globals)
    {
        var id = Arg("tender", "The tender's id.");
        return Command("close", "Close a published tender whose submission deadline has passed (the service also does it by itself).", id)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Tenders.CloseTenderAsync(
                new CloseTenderRequest { TenderId = parse.GetValue(id)! }, o))));
    }

    private static Command Show(Globals globals)
    {
        var id = Arg("tender", "The tender's id.");
        var status = Optional("--wait-status", "With --wait: wait until the tender reaches this status (published, closed, cancelled, complete).");
        var (wait, timeout) = (Wait(), Timeout());
        return Command("show", "A tender: status, timetable, lots.", id, status, wait, timeout)
            .Runs(globals, async (parse, session) =>
            {
                var tenderId = parse.GetValue(id)!;
                if (parse.GetValue(wait) && parse.GetValue(status) is null)
                    throw CliException.Usage("--wait waits for a status: add --wait-status (published, closed, cancelled or complete).");
                Tender tender;
                if (parse.GetValue(wait) && parse.GetValue(status) is { } wanted)
                {
                    var target = ParseStatus(wanted);
                    tender = await session.WaitAsync($"the tender to be {Name(target)}", parse.GetValue(timeout), async () =>
                        await GetAsync(session, tenderId) is { } t && t.Status == target ? t : null);
                }
                else
                {
                    tender = await GetAsync(session, tenderId);
                }
                Print(session, tender);
            });
    }

    private static Command List(Globals globals)
    {
        var (status, commissioner, text) = (Optional("--status", "Only tenders in this status."), Optional("--commissioner", "Only tenders of this commissioner."),
            Optional("--text", "Matched against reference, title and description."));
        return Command("list", "Tenders you may see.", status, commissioner, text)
            .Runs(globals, async (parse, session) =>
            {
                var request = new ListTendersRequest
                {
                    Page = new() { PageSize = 200 }, Commissioner = parse.GetValue(commissioner) ?? "", Text = parse.GetValue(text) ?? "",
                    Status = parse.GetValue(status) is { } s ? ParseStatus(s) : TenderStatus.Unspecified,
                };
                var response = await session.CallAsync(o => session.Tenders.ListTendersAsync(request, o));
                session.Printer.List(response.Tenders, t => t.Id, ["id", "reference", "title", "status", "commissioners", "submission deadline"],
                    t => [t.Id, t.Reference, t.Title, Name(t.Status), string.Join(", ", t.Commissioners), Time(t.Timetable?.SubmissionDeadline)],
                    "No tenders.");
            });
    }

    private static Command Revisions(Globals globals)
    {
        var id = Arg("tender", "The tender's id.");
        return Command("revisions", "A tender's published revisions and what each amendment changed.", id)
            .Runs(globals, async (parse, session) =>
            {
                var response = await session.CallAsync(o => session.Tenders.ListRevisionsAsync(new ListRevisionsRequest { TenderId = parse.GetValue(id)! }, o));
                session.Printer.List(response.Revisions, r => r.Revision_.ToString(), ["revision", "at", "by", "summary"],
                    r => [r.Revision_.ToString(), Time(r.At), r.By, r.Summary], "No revisions (a draft).");
            });
    }

    public static Task<Tender> GetAsync(Session session, string tenderId) =>
        session.CallAsync(o => session.Tenders.GetTenderAsync(new GetTenderRequest { TenderId = tenderId }, o));

    private static async Task<TenderContent> ContentAsync(Session session, string path, string? clarification, string? submission, string? start)
    {
        var content = MessageFile.Read(path, TenderContent.Parser, TenderContent.Descriptor);
        if (clarification is null && submission is null && start is null) return content;
        // "+14d" is from the suite's clock, which the development clock control may have moved: read it first.
        if (new[] { clarification, submission, start }.Any(v => v?.StartsWith('+') == true)) await session.SyncClockAsync();
        var now = session.Clock.Now;
        if (start is not null)
        {
            var date = StartDate(start, now);
            foreach (var lot in content.Lots) (lot.ContractTerms ??= new ContractTerms()).StartDate = date;
        }
        if (clarification is null && submission is null) return content;
        content.Timetable ??= new Timetable();
        if (clarification is not null) content.Timetable.ClarificationDeadline = Timestamp.FromDateTimeOffset(Durations.ParseInstant(clarification, now));
        if (submission is not null) content.Timetable.SubmissionDeadline = Timestamp.FromDateTimeOffset(Durations.ParseInstant(submission, now));
        return content;
    }

    private static Contracts.Common.V1.Date StartDate(string text, DateTimeOffset now)
    {
        DateOnly date;
        if (text.StartsWith('+'))
        {
            var after = DateOnly.FromDateTime((now + Durations.Parse(text[1..])).UtcDateTime);
            date = new DateOnly(after.Year, after.Month, 1).AddMonths(1);
        }
        else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out date))
        {
            throw CliException.Usage($"'{text}' is not a contract start; write a date (2023-04-01) or +90d.");
        }
        return new Contracts.Common.V1.Date { Year = date.Year, Month = date.Month, Day = date.Day };
    }

    private static TenderStatus ParseStatus(string text) =>
        System.Enum.GetValues<TenderStatus>().Where(s => s != TenderStatus.Unspecified).FirstOrDefault(s => string.Equals(Name(s), text, StringComparison.OrdinalIgnoreCase)) is var found
        && found != TenderStatus.Unspecified
            ? found
            : throw CliException.Usage($"'{text}' is not a tender status; use draft, published, closed, cancelled or complete.");

    private static void Print(Session session, Tender tender)
    {
        var printer = session.Printer;
        printer.Item(tender, tender.Id,
            ("tender", tender.Id), ("reference", tender.Reference), ("title", tender.Title), ("status", Name(tender.Status)),
            ("revision", tender.Revision.ToString()), ("procuring entity", tender.ProcuringEntity),
            ("commissioners", string.Join(", ", tender.Commissioners)), ("regime", Name(tender.Regime) + (tender.LightTouch ? ", light touch" : "")),
            ("clarifications until", Time(tender.Timetable?.ClarificationDeadline)), ("bids until", Time(tender.Timetable?.SubmissionDeadline)),
            ("published", Time(tender.PublishedAt)), ("closed", Time(tender.ClosedAt)), ("cancelled because", tender.CancellationReason));
        if (printer.Mode == Output.OutputMode.Human && tender.Lots.Count > 0)
            printer.Table(["lot", "commissioner", "title", "status", "estimate a year", "term", "criteria"],
                tender.Lots.Select(l => new[]
                {
                    l.Id, l.Commissioner, l.Title, Name(l.Status), MoneyText.Format(l.EstimatedAnnualValue),
                    l.ContractTerms is { } terms ? $"{Day(terms.StartDate)}, {terms.InitialTermMonths} months (+{terms.ExtensionAllowanceMonths})" : "",
                    string.Join(", ", l.Evaluation?.Criteria.Select(c => $"{c.Id} {c.WeightPercent}%") ?? []),
                }));
    }
}
