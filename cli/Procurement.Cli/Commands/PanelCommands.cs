using System.CommandLine;
using Procurement.Cli.Calls;
using Procurement.Cli.Input;
using Procurement.Contracts.Moderation.V1;
using static Procurement.Cli.Commands.Kit;

namespace Procurement.Cli.Commands;

/// <summary>panel …: each commissioner's moderation panel and its evaluation of one lot.</summary>
internal static class PanelCommands
{
    public static Command Build(Globals globals) => Group("panel",
        "Moderation panels: each commissioner's evaluation of its own lot (commissioning officers and panel members).",
        List(globals), Show(globals), Appoint(globals), Declare(globals), Bids(globals), Score(globals), Submit(globals), Scores(globals),
        Moderate(globals), Complete(globals), Results(globals));

    private static Argument<string> Evaluation() => Arg("evaluation", "The evaluation's id (`panel list --tender <id> -q`).");

    private static Command List(Globals globals)
    {
        var (tender, lot, wait, timeout) = (Optional("--tender", "Only this tender's evaluations."), Optional("--lot", "Only this lot's."), Wait(), Timeout());
        return Command("list", "The evaluations you may see; --wait until the bids are opened and one appears.", tender, lot, wait, timeout)
            .Runs(globals, async (parse, session) =>
            {
                async Task<List<Evaluation>> ListAsync() =>
                    [.. (await session.CallAsync(o => session.Moderation.ListEvaluationsAsync(new ListEvaluationsRequest { TenderId = parse.GetValue(tender) ?? "" }, o)))
                        .Evaluations.Where(e => parse.GetValue(lot) is not { } l || e.LotId == l)];
                var evaluations = parse.GetValue(wait)
                    ? await session.WaitAsync("the bids to be opened and an evaluation to appear", parse.GetValue(timeout), async () =>
                        await ListAsync() is { Count: > 0 } found ? found : null)
                    : await ListAsync();
                session.Printer.List(evaluations, e => e.Id, ["id", "tender", "lot", "commissioner", "stage", "chair", "evaluators", "bids"],
                    e => [e.Id, e.TenderId, e.LotId, e.Commissioner, Name(e.Stage), e.Chair?.Name, string.Join(", ", e.Evaluators.Select(m => m.Name)), e.Bids.Count.ToString()],
                    "No evaluations you may see.");
            });
    }

    private static Command Show(Globals globals)
    {
        var id = Evaluation();
        return Command("show", "An evaluation: stage, panel (who declared, who submitted), bids, criteria.", id)
            .Runs(globals, async (parse, session) => Print(session, await GetAsync(session, parse.GetValue(id)!)));
    }

    private static Command Appoint(Globals globals)
    {
        var id = Evaluation();
        var chair = Required("--chair", "The chair: a profile name, or person-id:Name[:office|force].");
        var evaluators = Many("--evaluator", "An evaluator (repeat): a profile name, or person-id:Name[:office|force].", required: true);
        return Command("appoint", "Commissioning officer: appoint the chair and evaluators (people of the lot's commissioner).", id, chair, evaluators)
            .Runs(globals, async (parse, session) =>
            {
                var evaluation = await GetAsync(session, parse.GetValue(id)!);
                var request = new AppointPanelRequest { EvaluationId = evaluation.Id, Chair = Member(session, parse.GetValue(chair)!, evaluation.Commissioner) };
                request.Evaluators.AddRange(parse.GetValue(evaluators)!.Select(e => Member(session, e, evaluation.Commissioner)));
                Print(session, await session.CallAsync(o => session.Moderation.AppointPanelAsync(request, o)));
            });
    }

    private static Command Declare(Globals globals)
    {
        var id = Evaluation();
        var conflicts = Many("--conflict", "A conflict with a supplier (repeat): supplier=what the conflict is. Every other supplier: none.");
        return Command("declare", "Panel member: declare conflicts of interest for every supplier of the lot, before seeing any bid.", id, conflicts)
            .Runs(globals, async (parse, session) =>
            {
                var evaluation = await GetAsync(session, parse.GetValue(id)!);
                var declared = (parse.GetValue(conflicts) ?? []).Select(c => c.Split('=', 2)).ToDictionary(
                    p => p[0], p => p.Length == 2 && p[1].Length > 0 ? p[1] : throw CliException.Usage($"--conflict {p[0]}: write supplier=what the conflict is."));
                var unknown = declared.Keys.Except(evaluation.Bids.Select(b => b.Supplier)).ToList();
                if (unknown.Count > 0) throw CliException.Usage($"No bid from {string.Join(", ", unknown)} in this lot; its suppliers are {string.Join(", ", evaluation.Bids.Select(b => b.Supplier))}.");
                var request = new DeclareConflictsRequest { EvaluationId = evaluation.Id };
                request.Declarations.AddRange(evaluation.Bids.Select(b => b.Supplier).Distinct().Select(s => new ConflictDeclaration
                {
                    Supplier = s, Conflicted = declared.ContainsKey(s), Note = declared.GetValueOrDefault(s, ""),
                }));
                Print(session, await session.CallAsync(o => session.Moderation.DeclareConflictsAsync(request, o)));
            });
    }

    private static Command Bids(Globals globals)
    {
        var id = Evaluation();
        return Command("bids", "Panel member, after declaring: the opened offers you may score.", id)
            .Runs(globals, async (parse, session) =>
            {
                var response = await session.CallAsync(o => session.Moderation.ListBidsToScoreAsync(new ListBidsToScoreRequest { EvaluationId = parse.GetValue(id)! }, o));
                session.Printer.List(response.Offers, b => b.BidId, ["bid", "supplier", "annual price", "compliant", "responses"],
                    b => [b.BidId, b.Supplier, MoneyText.Format(b.Offer?.AnnualPrice), b.Compliant ? "yes" : "no: " + string.Join("; ", b.NonComplianceReasons),
                        string.Join(" | ", b.Offer?.Responses.Select(r => $"{r.CriterionId}: {r.Text}") ?? [])],
                    "No bids to score.");
            });
    }

    private static Option<string?> Bid() => Optional("--bid", "The bid's id.");
    private static Option<string?> Supplier() => Optional("--supplier", "Or the supplier whose bid it is (e.g. victim-support).");
    private static Option<string[]> Criteria() => Many("--criterion", "A criterion id, e.g. Q1 (repeat to give several the same score).", required: true);

    private static Command Score(Globals globals)
    {
        var (id, bid, supplier, criteria) = (Evaluation(), Bid(), Supplier(), Criteria());
        var score = Number("--score", "The score on the lot's scale (e.g. 0-5).");
        var justification = Required("--justification", "Why: the evidence in the bid.");
        return Command("score", "Evaluator: record a score with its justification (a draft until `panel submit`).", id, bid, supplier, criteria, score, justification)
            .Runs(globals, async (parse, session) =>
            {
                var evaluation = await GetAsync(session, parse.GetValue(id)!);
                var bidId = BidOf(evaluation, parse.GetValue(bid), parse.GetValue(supplier));
                foreach (var criterion in parse.GetValue(criteria)!)
                {
                    var recorded = await session.CallAsync(o => session.Moderation.RecordScoreAsync(new RecordScoreRequest
                    {
                        EvaluationId = evaluation.Id, BidId = bidId, CriterionId = criterion, Score = parse.GetValue(score), Justification = parse.GetValue(justification)!,
                    }, o));
                    session.Printer.Item(recorded, $"{recorded.BidId}/{recorded.CriterionId}",
                        ("scored", $"{recorded.CriterionId} of bid {recorded.BidId}: {recorded.Score}"), ("justification", recorded.Justification));
                }
            });
    }

    private static Command Submit(Globals globals)
    {
        var id = Evaluation();
        return Command("submit", "Evaluator: submit every score (they lock; then the others' are shown).", id)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Moderation.SubmitScoresAsync(
                new SubmitScoresRequest { EvaluationId = parse.GetValue(id)! }, o))));
    }

    private static Command Scores(Globals globals)
    {
        var id = Evaluation();
        return Command("scores", "Panel member: individual scores you may see, moderated scores and spread flags.", id)
            .Runs(globals, async (parse, session) =>
            {
                var evaluation = await GetAsync(session, parse.GetValue(id)!);
                var response = await session.CallAsync(o => session.Moderation.ListScoresAsync(new ListScoresRequest { EvaluationId = evaluation.Id }, o));
                var supplierOf = evaluation.Bids.ToDictionary(b => b.BidId, b => b.Supplier);
                session.Printer.List(response.Scores, s => $"{s.BidId}/{s.CriterionId}", ["supplier", "criterion", "individual", "spread", "moderated", "rationale"],
                    s => [supplierOf.GetValueOrDefault(s.BidId, s.BidId), s.CriterionId, string.Join(", ", s.Individual.Select(i => $"{i.PersonId} {i.Score}")),
                        s.SpreadFlagged ? "FLAGGED" : "", s.Moderated is { } m ? m.Score.ToString() : "", s.Moderated?.Rationale],
                    "No scores yet.");
            });
    }

    private static Command Moderate(Globals globals)
    {
        var (id, bid, supplier, criteria) = (Evaluation(), Bid(), Supplier(), Criteria());
        var score = Number("--score", "The agreed score.");
        var rationale = Required("--rationale", "Why the panel agreed it (kept beside the individual scores).");
        return Command("moderate", "Chair, once every evaluator submitted: record the panel's agreed score.", id, bid, supplier, criteria, score, rationale)
            .Runs(globals, async (parse, session) =>
            {
                var evaluation = await GetAsync(session, parse.GetValue(id)!);
                var bidId = BidOf(evaluation, parse.GetValue(bid), parse.GetValue(supplier));
                foreach (var criterion in parse.GetValue(criteria)!)
                {
                    var moderated = await session.CallAsync(o => session.Moderation.RecordModeratedScoreAsync(new RecordModeratedScoreRequest
                    {
                        EvaluationId = evaluation.Id, BidId = bidId, CriterionId = criterion, Score = parse.GetValue(score), Rationale = parse.GetValue(rationale)!,
                    }, o));
                    session.Printer.Item(moderated, $"{moderated.BidId}/{moderated.CriterionId}",
                        ("moderated", $"{moderated.CriterionId} of bid {moderated.BidId}: {moderated.Score}"), ("rationale", moderated.Rationale));
                }
            });
    }

    private static Command Complete(Globals globals)
    {
        var id = Evaluation();
        return Command("complete", "Chair: complete the evaluation (the award service then recommends from its ranking).", id)
            .Runs(globals, async (parse, session) => Print(session, await session.CallAsync(o => session.Moderation.CompleteEvaluationAsync(
                new CompleteEvaluationRequest { EvaluationId = parse.GetValue(id)! }, o))));
    }

    private static Command Results(Globals globals)
    {
        var id = Evaluation();
        return Command("results", "Once completed: marks and ranking.", id)
            .Runs(globals, async (parse, session) =>
            {
                var results = await session.CallAsync(o => session.Moderation.GetResultsAsync(new GetResultsRequest { EvaluationId = parse.GetValue(id)! }, o));
                if (session.Printer.Mode == Output.OutputMode.Json)
                {
                    session.Printer.Raw(Output.Printer.ToJson(results));
                    return;
                }
                session.Printer.List(results.Bids, b => b.BidId, ["rank", "supplier", "annual price", "quality", "social value", "price", "total", "excluded because"],
                    b => [b.Rank == 0 ? "-" : b.Rank.ToString(), b.Supplier, MoneyText.Format(new() { MinorUnits = b.AnnualPricePence, Currency = "GBP" }),
                        b.QualityMarks, b.SocialValueMarks, b.PriceMarks, b.TotalMarks, b.ExclusionReason],
                    "No bids.");
                session.Printer.Line($"Ties: {results.TieBreak}");
            });
    }

    public static Task<Evaluation> GetAsync(Session session, string evaluationId) =>
        session.CallAsync(o => session.Moderation.GetEvaluationAsync(new GetEvaluationRequest { EvaluationId = evaluationId }, o));

    private static string BidOf(Evaluation evaluation, string? bid, string? supplier)
    {
        if (bid is not null) return bid;
        if (supplier is null) throw CliException.Usage("Which bid? Pass --bid <id> or --supplier <organisation>.");
        return evaluation.Bids.FirstOrDefault(b => b.Supplier == supplier)?.BidId
            ?? throw CliException.Usage($"No bid from '{supplier}' in this evaluation; its suppliers are {string.Join(", ", evaluation.Bids.Select(b => b.Supplier))}.");
    }

    /// <summary>A panel member from a profile's person, or from "person-id:Name[:office|force]".</summary>
    private static PanelMember Member(Session session, string spec, string commissioner)
    {
        if (!spec.Contains(':'))
        {
            var profile = session.Store.Load().Profiles.GetValueOrDefault(spec)
                ?? throw CliException.Usage($"'{spec}' is neither a profile nor person-id:Name[:office|force].");
            return new PanelMember
            {
                PersonId = profile.PersonId ?? "", Name = profile.PersonName ?? "", Commissioner = profile.Commissioner ?? commissioner,
                Affiliation = profile.Organisation?.EndsWith("-police", StringComparison.Ordinal) == true ? Affiliation.Force : Affiliation.Office,
            };
        }
        var parts = spec.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw CliException.Usage($"'{spec}': write person-id:Name or person-id:Name:force.");
        var affiliation = parts.Length == 2 ? Affiliation.Office : parts[2].ToLowerInvariant() switch
        {
            "office" => Affiliation.Office,
            "force" => Affiliation.Force,
            _ => throw CliException.Usage($"'{parts[2]}' is not an affiliation; use office or force."),
        };
        return new PanelMember { PersonId = parts[0], Name = parts[1], Commissioner = commissioner, Affiliation = affiliation };
    }

    private static void Print(Session session, Evaluation evaluation)
    {
        string Who(PanelMember m) => $"{m.Name} ({m.PersonId}, {Name(m.Affiliation)}){(m.Declared ? ", declared" : "")}{(m.Submitted ? ", submitted" : "")}";
        session.Printer.Item(evaluation, evaluation.Id,
            ("evaluation", evaluation.Id), ("tender", evaluation.TenderId), ("lot", evaluation.LotId), ("commissioner", evaluation.Commissioner),
            ("stage", Name(evaluation.Stage)), ("chair", evaluation.Chair is { } chair ? Who(chair) : ""),
            ("evaluators", string.Join("; ", evaluation.Evaluators.Select(Who))),
            ("bids", string.Join(", ", evaluation.Bids.Select(b => $"{b.Supplier} ({b.BidId})"))),
            ("criteria", string.Join(", ", evaluation.Criteria.Select(c => $"{c.CriterionId} {c.Kind} {c.WeightPercent}%"))),
            ("scale", evaluation.Scale is { } s ? $"{s.Minimum}-{s.Maximum}" : ""),
            ("opened", Time(evaluation.OpenedAt)), ("completed", Time(evaluation.CompletedAt)), ("cancelled because", evaluation.CancellationReason));
    }
}
