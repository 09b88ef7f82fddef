using System.Globalization;
using System.Text;

namespace Procurement.Faults.Tests;

/// <summary>The results of a run as a Markdown table (one row per case), and the violations found, in summary.md.</summary>
public static class Summary
{
    public static string Header =>
        "| fault | phase | fault at | tenders | suppliers | submissions | acknowledged | stored once | receipts replayed | opened once | reached moderation once | events applied once | evaluations | outbox pending | duplicates | dead-lettered | statuses seen by clients | retried to a receipt | burst s | case s | result |\n" +
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |\n";

    public static string Row(CaseResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Fault} | {r.Phase} | {r.FaultAt} | {r.Tenders} | {r.Suppliers} | {r.Report.Submissions} | {r.Report.Acknowledged} | {r.Report.Stored} | {r.Report.Replayed} | {r.Report.OpenedOnce} | " +
        $"{r.Report.ReachedModerationOnce} | {r.Report.EventsAppliedOnce}/{r.Report.Events} | {r.Report.Evaluations}/{r.Report.ExpectedEvaluations} | {r.Report.OutboxPending} | {r.Report.Duplicates} | " +
        $"{r.Report.DeadLettered} | {r.Statuses} | {r.RecoveredSuppliers} | {r.BurstTime.TotalSeconds:F1} | {r.Total.TotalSeconds:F1} | {(r.Passed ? "pass" : "**FAIL**")} |\n");

    public static string Violations(CaseResult r) =>
        r.Passed ? "" : $"- {r.Fault} {r.Phase}:\n" + string.Concat(r.Report.Violations.Take(20).Select(v => $"  - {v}\n"))
            + (r.Diagnosis.Length > 0 ? $"\n```\n{r.Diagnosis}```\n" : "");

    /// <summary>Writes (or rewrites) summary.md in the suite's output directory with every case so far.</summary>
    public static string Write(Suite suite, string title, IReadOnlyList<CaseResult> results, string parameters)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n- {parameters}\n- logs: {suite.OutputDirectory}\n\n");
        text.Append(Header);
        foreach (var r in results) text.Append(Row(r));
        var failed = results.Where(r => !r.Passed).ToList();
        text.Append(CultureInfo.InvariantCulture, $"\n{results.Count - failed.Count} of {results.Count} cases held every invariant.\n");
        if (failed.Count > 0)
        {
            text.Append("\n## Violations\n\n");
            foreach (var r in failed) text.Append(Violations(r));
        }
        var path = Path.Combine(suite.OutputDirectory, "summary.md");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
