using System.Diagnostics;
using System.Reflection;

namespace Procurement.Testing;

/// <summary>
/// One service or the gateway as its own operating-system process: `dotnet &lt;Project&gt;.dll` from the project's build
/// output (the configuration the test assemblies were built in), with its settings as environment variables and its
/// output appended to a log file. <see cref="KillAsync"/> is kill -9; <see cref="StartAsync"/> starts it again with
/// the same ports and settings.
/// </summary>
public sealed class SuiteProcess(string name, string projectDirectory, IReadOnlyDictionary<string, string> settings, string logFile) : IAsyncDisposable
{
    private static readonly string Configuration =
        typeof(SuiteProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private Process? _process;

    public string Name { get; } = name;

    public int Starts { get; private set; }

    /// <summary>The file the process's output is appended to.</summary>
    public string LogPath => logFile;

    public int? ProcessId => _process is { HasExited: false } running ? running.Id : null;

    private string Output
    {
        get
        {
            var project = Path.GetFileName(projectDirectory);
            var directory = Path.Combine(TestInfrastructure.RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0");
            return File.Exists(Path.Combine(directory, project + ".dll"))
                ? directory
                : throw new InvalidOperationException($"{project}.dll is not built in {directory} (build the solution in {Configuration} first).");
        }
    }

    public void Start()
    {
        if (ProcessId is not null) throw new InvalidOperationException($"{Name} is already running (pid {ProcessId}).");
        var output = Output;
        // exec: the process started is dotnet itself, so that Kill is kill -9 of the service, not of a shell.
        var start = new ProcessStartInfo("bash") { WorkingDirectory = output, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1 </dev/null", Path.GetFileName(projectDirectory) + ".dll", logFile })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.Environment[key] = value;
        File.AppendAllText(logFile, $"---- {DateTimeOffset.UtcNow:O} test suite: start #{Starts + 1} of {Name}\n");
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        Starts++;
    }

    /// <summary>SIGKILL: no shutdown, no flush, in-flight calls and transactions cut. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process) return;
        try
        {
            if (!process.HasExited) process.Kill();
            using var timeout = new CancellationTokenSource(TestInfrastructure.Timeout);
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            process.Dispose();
            _process = null;
        }
        File.AppendAllText(logFile, $"---- {DateTimeOffset.UtcNow:O} test suite: killed {Name} (SIGKILL)\n");
    }

    /// <summary>The process ended by itself (it stopped at start-up, or crashed): its log's last lines, for the failure message.</summary>
    public string? Exited()
    {
        if (_process is not { HasExited: true } process) return null;
        var tail = File.ReadLines(logFile).TakeLast(30);
        return $"{Name} exited with {process.ExitCode}; last lines of {logFile}:\n{string.Join('\n', tail)}";
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
