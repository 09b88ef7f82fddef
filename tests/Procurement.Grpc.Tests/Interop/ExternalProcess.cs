using System.Diagnostics;
using System.Text;

namespace Procurement.Grpc.Tests.Interop;

/// <summary>Runs a program to completion, or starts a server and waits for its "listening on N" line.</summary>
public sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalProcess(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        using var process = new ExternalProcess(fileName, arguments, workingDirectory);
        process.Start(_ => { });
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{process.Output}");
        }
        process._process.WaitForExit(); // drains the output readers
        return (process._process.ExitCode, process.Output);
    }

    /// <summary>Starts a server that prints "listening on PORT" and returns once it has.</summary>
    public static async Task<(ExternalProcess Process, int Port)> StartServerAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory, TimeSpan timeout)
    {
        var process = new ExternalProcess(fileName, arguments, workingDirectory);
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Start(line =>
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal) && int.TryParse(line["listening on ".Length..], out var p))
                port.TrySetResult(p);
        });
        process._process.Exited += (_, _) => port.TrySetException(new InvalidOperationException($"{fileName} exited early:\n{process.Output}"));
        try
        {
            return (process, await port.Task.WaitAsync(timeout));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    private void Start(Action<string> onLine)
    {
        _process.EnableRaisingEvents = true;
        _process.OutputDataReceived += (_, e) => Append(e.Data, onLine);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, _ => { });
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line, Action<string> onLine)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        onLine(line);
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
