using System.Diagnostics;
using Procurement.Contracts.Award.V1;
using Procurement.EndToEnd.Tests;
using Xunit.Abstractions;

namespace Procurement.Cli.Tests;

/// <summary>
/// scripts/demo.sh itself, run by bash with the built CLI (dotnet procurement.dll) against the suite behind the gateway.
/// The harness runs as `scripts/up.sh` runs the suite: the clock starts now and token lifetimes are judged by the real
/// clock, while the development clock control moves the business clock (the harness's ManualTimeProvider) past the
/// deadline and standstill.
/// </summary>
public sealed class DemoScriptTests(ITestOutputHelper output) : ServicesTestBase(DateTimeOffset.UtcNow)
{
    protected override TimeProvider TokenClock => TimeProvider.System;

    private static readonly TimeSpan DemoTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_demo_reaches_both_contracts()
    {
        var home = Directory.CreateTempSubdirectory("procurement-demo-test-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash", [Repository.PathOf("scripts/demo.sh")])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                Environment =
                {
                    ["PROCUREMENT_CLI"] = Path.Combine(AppContext.BaseDirectory, "procurement.dll"),
                    ["PROCUREMENT_HOME"] = home,
                    ["PROCUREMENT_GATEWAY"] = GatewayAddress.ToString(),
                    ["NO_COLOR"] = "1",
                },
            };
            using var demo = Process.Start(start)!;
            var stdout = demo.StandardOutput.ReadToEndAsync();
            var stderr = demo.StandardError.ReadToEndAsync();
            using (var bound = new CancellationTokenSource(DemoTimeout))
            {
                try
                {
                    await demo.WaitForExitAsync(bound.Token);
                }
                catch (OperationCanceledException)
                {
                    demo.Kill(entireProcessTree: true);
                    throw new TimeoutException($"The demo did not finish within {DemoTimeout}:\n{await stdout}\n{await stderr}");
                }
            }
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);

            Assert.True(demo.ExitCode == 0, $"demo.sh exited {demo.ExitCode}:\n{await stdout}\n{await stderr}");
            Assert.Contains("Both contracts entered.", await stdout);
            var awards = (await Awards.ListAwardsAsync(new ListAwardsRequest(), As(KentAndEssex.Officer))).Awards;
            Assert.Equal([("essex", "catch-22", Stage.Contracted), ("kent", "victim-support", Stage.Contracted)],
                awards.Select(a => (a.Commissioner, a.Contract?.Supplier, a.Stage)).Order());
            Assert.Equal(100_000_000, awards.Single(a => a.Commissioner == "kent").Contract.AnnualValue.MinorUnits);
            Assert.Equal(12, awards.Single(a => a.Commissioner == "essex").Contract.Extensions.Single().Months);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
