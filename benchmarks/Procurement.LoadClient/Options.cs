using System.Globalization;

namespace Procurement.LoadClient;

/// <summary>The command line of one load run (see <see cref="Usage"/>).</summary>
internal sealed record Options
{
    public const string Usage = """
        procurement-load: N suppliers submit one bid each for a fresh published tender, then revise it in a loop.

          --address=URL          where the bids go: the gateway (http://127.0.0.1:5100) or the bid service (:5102)
          --target=NAME          label of the target in the results (gateway, direct)                 (default gateway)
          --setup-address=URL    the gateway, for creating and publishing the tender as an officer   (http://127.0.0.1:5100)
          --suppliers=N          concurrent suppliers, load-supplier-0001 … N                          (default 50)
          --warmup=S             unrecorded seconds before the measured window                        (default 5)
          --duration=S           measured seconds                                                     (default 20)
          --no-revise            each supplier submits once and stops (no revision loop)
          --connections=C        GrpcChannels (each may open more HTTP/2 connections when full)         (default 4)
          --call-deadline=S      deadline of every call                                               (default 30)
          --round=N              label of the round in the results                                    (default 1)
          --pid=NAME=PID         a process whose CPU (and RSS) to measure; repeatable
          --pg-postmaster=PID    PostgreSQL's postmaster: its CPU plus its backends' (live and ended)
          --results=FILE         append one tab-separated row (a header first if the file is new)
        """;

    public Uri Address { get; init; } = new("http://127.0.0.1:5100");
    public string Target { get; init; } = "gateway";
    public Uri SetupAddress { get; init; } = new("http://127.0.0.1:5100");
    public int Suppliers { get; init; } = 50;
    public int WarmupSeconds { get; init; } = 5;
    public int DurationSeconds { get; init; } = 20;
    public bool Revise { get; init; } = true;
    public int Connections { get; init; } = 4;
    public int CallDeadlineSeconds { get; init; } = 30;
    public int Round { get; init; } = 1;
    public List<(string Name, int Pid)> Pids { get; } = [];
    public int? PgPostmaster { get; init; }
    public string? Results { get; init; }

    public static Options Parse(string[] args)
    {
        var options = new Options();
        foreach (var arg in args)
        {
            var (key, value) = arg.IndexOf('=') is var i and > 0 ? (arg[..i], arg[(i + 1)..]) : (arg, "");
            options = key switch
            {
                "--address" => options with { Address = new Uri(value) },
                "--target" => options with { Target = value },
                "--setup-address" => options with { SetupAddress = new Uri(value) },
                "--suppliers" => options with { Suppliers = Positive(key, value) },
                "--warmup" => options with { WarmupSeconds = Whole(key, value) },
                "--duration" => options with { DurationSeconds = Positive(key, value) },
                "--no-revise" => options with { Revise = false },
                "--connections" => options with { Connections = Positive(key, value) },
                "--call-deadline" => options with { CallDeadlineSeconds = Positive(key, value) },
                "--round" => options with { Round = Positive(key, value) },
                "--pg-postmaster" => options with { PgPostmaster = Positive(key, value) },
                "--results" => options with { Results = value },
                "--pid" => WithPid(options, value),
                _ => throw new ArgumentException($"unknown argument '{arg}'"),
            };
        }
        if (options.Suppliers > 9999) throw new ArgumentException("--suppliers: at most 9999");
        return options;
    }

    private static Options WithPid(Options options, string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0) throw new ArgumentException($"--pid expects NAME=PID, not '{value}'");
        options.Pids.Add((parts[0], Positive("--pid", parts[1])));
        return options;
    }

    private static int Whole(string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n : throw new ArgumentException($"{key} expects a whole number, not '{value}'");

    private static int Positive(string key, string value) =>
        Whole(key, value) is var n and > 0 ? n : throw new ArgumentException($"{key} must be positive");
}
