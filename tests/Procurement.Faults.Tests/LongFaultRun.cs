using Xunit.Abstractions;

namespace Procurement.Faults.Tests;

/// <summary>Runs only when PROCUREMENT_FAULTS=long (scripts/faults.sh sets it): the long run takes far longer than CI allows.</summary>
public sealed class LongFaultsFactAttribute : FactAttribute
{
    public LongFaultsFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("PROCUREMENT_FAULTS"), "long", StringComparison.Ordinal))
            Skip = "the long fault run: PROCUREMENT_FAULTS=long (scripts/faults.sh)";
    }
}

/// <summary>
/// The long fault suite: every fault in both phases, with bigger bursts (PROCUREMENT_FAULTS_SUPPLIERS, default 100;
/// PROCUREMENT_FAULTS_TENDERS, default 4; PROCUREMENT_FAULTS_ARRIVAL_SECONDS, default 10), on one suite. Every case runs even when an earlier one failed; the table
/// goes to summary.md in the run's directory (.local/faults/&lt;time&gt;/), and the test fails if any case did.
/// </summary>
public sealed class LongFaultRun(ITestOutputHelper output)
{
    [LongFaultsFact]
    public async Task Every_fault_in_both_phases()
    {
        var suppliers = Setting("PROCUREMENT_FAULTS_SUPPLIERS", 100);
        var tenders = Setting("PROCUREMENT_FAULTS_TENDERS", 4);
        var arrivals = Setting("PROCUREMENT_FAULTS_ARRIVAL_SECONDS", 10);
        // Its own suite, started here rather than as a class fixture: when the run is skipped nothing is started.
        var suite = new Suite();
        await using var stop = new SuiteStop(suite);
        await suite.InitializeAsync();
        var results = new List<CaseResult>();
        string path = "";
        foreach (var fault in Enum.GetValues<Fault>())
            foreach (var phase in Enum.GetValues<Phase>())
            {
                if (fault == Fault.None && phase != Phase.DuringSubmissions) continue;   // the baseline once
                CaseResult result;
                try
                {
                    result = await FaultCase.RunAsync(suite, fault, phase, tenders, suppliers, TimeSpan.FromSeconds(arrivals));
                }
                catch (Exception e)
                {
                    // A case that could not finish (the suite did not come back) is a failure of that case; the suite goes on if it can.
                    result = new CaseResult(fault, phase, tenders, suppliers, new InvariantReport { Violations = [$"the case did not finish: {e.GetType().Name}: {e.Message}"] },
                        new StatusTally(), 0, TimeSpan.Zero, TimeSpan.Zero, "-", -1);
                }
                results.Add(result);
                output.WriteLine(Summary.Row(result).TrimEnd());
                path = Summary.Write(suite, "Fault suite, long run", results, $"{tenders} tenders and {suppliers} suppliers per case (each supplier bids for every tender), arriving over {arrivals} s");
            }
        output.WriteLine($"summary: {path}");
        Assert.True(results.All(r => r.Passed), string.Concat(results.Select(Summary.Violations)));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
}

internal sealed class SuiteStop(Suite suite) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await suite.DisposeAsync();
}
