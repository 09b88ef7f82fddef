using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Procurement.Infrastructure.Tests.Deployment;

/// <summary>Runs the command-line tools the deployment files are checked with (no skipping: a missing tool fails).</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = TestInfrastructure.RepositoryRoot,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"{file} could not be started ({e.Message}); scripts/install-deps.sh installs it (Debian packages docker-compose, python3-yaml).");
            throw;
        }
        using (process)
        {
            using var cts = new CancellationTokenSource(TestInfrastructure.Timeout);
            var output = process.StandardOutput.ReadToEndAsync(cts.Token);
            var error = process.StandardError.ReadToEndAsync(cts.Token);
            if (input is not null) await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cts.Token);
            return new Result(process.ExitCode, await output, await error);
        }
    }

    /// <summary>Debian's python3 (PyYAML is a dependency of its docker-compose package), else the first on PATH.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The YAML documents of each file (or of <paramref name="input"/> for "-"), parsed by PyYAML.</summary>
    public static async Task<Dictionary<string, JsonElement[]>> ParseYamlAsync(IEnumerable<string> files, string? input = null)
    {
        var script = Path.Combine(TestInfrastructure.RepositoryRoot, "tests", "Procurement.Infrastructure.Tests", "Deployment", "yaml_to_json.py");
        var result = await RunAsync(Python, [script, .. files], input);
        Assert.True(result.ExitCode == 0, $"YAML did not parse: {result.Error}");
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(result.Output)!;
    }
}
