using System.Diagnostics;
using Procurement.Testing;
using Xunit.Abstractions;

namespace Procurement.EndToEnd.Tests;

/// <summary>The repository's grpc-js peer (tests/Interop/grpc-js), its scripts run with node, bounded in time.</summary>
internal static class NodePeer
{
    public static readonly string Directory = Path.Combine(TestInfrastructure.RepositoryRoot, "tests", "Interop", "grpc-js");

    /// <summary>Runs a script of the peer; its exit code and everything it printed (also written to the test's log).</summary>
    public static async Task<(int Code, string Output)> RunAsync(ITestOutputHelper log, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            var printed = await output.WaitAsync(timeout.Token) + await errors.WaitAsync(timeout.Token);
            log.WriteLine($"node {script} exited {process.ExitCode}:\n{printed}");
            return (process.ExitCode, printed);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {TestInfrastructure.Timeout}");
        }
    }
}
