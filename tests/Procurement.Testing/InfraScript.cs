using System.Diagnostics;

namespace Procurement.Testing;

/// <summary>Runs scripts/infra.sh (bounded in time): the local RabbitMQ node's CLI, or a private node's start and stop.</summary>
public static class InfraScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <c>scripts/infra.sh ARGUMENTS</c> with <paramref name="environment"/> on top of this process's
    /// environment and returns its standard output; a non-zero exit throws with both outputs.
    /// </summary>
    public static async Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestInfrastructure.RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(TestInfrastructure.RepositoryRoot, "scripts", "infra.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/infra.sh {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"scripts/infra.sh {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }
}
