using System.Globalization;

namespace Procurement.LoadClient;

/// <summary>CPU time and resident memory of processes, from /proc (Linux only).</summary>
internal static class ProcFs
{
    public static readonly double TicksPerSecond = 100; // USER_HZ: 100 on Linux for every architecture .NET runs on

    /// <summary>The numeric fields of /proc/pid/stat after the command name (field 3 onwards), or null if it is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static long Field(string[] fields, int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);

    /// <summary>utime + stime of the process, in clock ticks (0 when it is gone).</summary>
    public static long CpuTicks(int pid) => StatFields(pid) is { } f ? Field(f, 14) + Field(f, 15) : 0;

    /// <summary>
    /// utime + stime of the process, plus what its ended children used (cutime + cstime: counted once they are
    /// waited for), plus what its live children used so far: PostgreSQL's postmaster and all its backends.
    /// </summary>
    public static long TreeTicks(int pid)
    {
        if (StatFields(pid) is not { } own) return 0;
        var total = Field(own, 14) + Field(own, 15) + Field(own, 16) + Field(own, 17);
        foreach (var child in Children(pid)) total += CpuTicks(child);
        return total;
    }

    public static IEnumerable<int> Children(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/task/{pid}/children"); }
        catch (IOException) { yield break; }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            yield return int.Parse(part, CultureInfo.InvariantCulture);
    }

    /// <summary>VmRSS in kB (0 when the process is gone).</summary>
    public static long RssKb(int pid) => StatusKb(pid, "VmRSS:");

    /// <summary>VmHWM in kB: the highest resident set since the process started.</summary>
    public static long PeakRssKb(int pid) => StatusKb(pid, "VmHWM:");

    private static long StatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>(busy, all) jiffies of all CPUs together, from the first line of /proc/stat.</summary>
    public static (long Busy, long All) MachineTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal
        long busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7], all = busy + f[3] + f[4];
        return (busy, all);
    }
}

/// <summary>The processes one run measures: CPU over the window, RSS before and peak (sampled every 200 ms).</summary>
internal sealed class ProcessMeter
{
    private readonly List<(string Name, int Pid, bool Tree)> processes = [];
    private readonly Dictionary<string, long> rssBefore = [], rssPeak = [], cpuStart = [], cpuEnd = [];
    private (long Busy, long All) machineStart, machineEnd;
    private long wallStart, wallEnd;

    public ProcessMeter(Options options)
    {
        foreach (var (name, pid) in options.Pids) processes.Add((name, pid, false));
        if (options.PgPostmaster is { } pm) processes.Add(("postgres", pm, true));
        processes.Add(("client", Environment.ProcessId, false));
    }

    public IEnumerable<string> Names => processes.Select(p => p.Name);
    public IEnumerable<string> RssNames => processes.Where(p => !p.Tree).Select(p => p.Name);

    private long Ticks((string Name, int Pid, bool Tree) p) => p.Tree ? ProcFs.TreeTicks(p.Pid) : ProcFs.CpuTicks(p.Pid);

    public void SampleRss(bool before)
    {
        foreach (var p in processes.Where(p => !p.Tree))
        {
            var kb = ProcFs.RssKb(p.Pid);
            if (before) rssBefore[p.Name] = kb;
            rssPeak[p.Name] = Math.Max(rssPeak.GetValueOrDefault(p.Name), kb);
        }
    }

    public async Task SampleRssUntilAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                SampleRss(before: false);
                await Task.Delay(200, stop);
            }
        }
        catch (OperationCanceledException) { }
    }

    public void StartWindow()
    {
        foreach (var p in processes) cpuStart[p.Name] = Ticks(p);
        machineStart = ProcFs.MachineTicks();
        wallStart = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    public void EndWindow()
    {
        foreach (var p in processes) cpuEnd[p.Name] = Ticks(p);
        machineEnd = ProcFs.MachineTicks();
        wallEnd = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>CPU over the window, in % of one CPU.</summary>
    public double CpuPercent(string name)
    {
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(wallStart, wallEnd).TotalSeconds;
        return 100 * (cpuEnd[name] - cpuStart[name]) / ProcFs.TicksPerSecond / seconds;
    }

    /// <summary>All CPUs over the window, in % of all of them.</summary>
    public double MachineBusyPercent =>
        machineEnd.All > machineStart.All ? 100.0 * (machineEnd.Busy - machineStart.Busy) / (machineEnd.All - machineStart.All) : 0;

    public double RssBeforeMb(string name) => rssBefore.GetValueOrDefault(name) / 1024.0;
    public double RssPeakMb(string name) => rssPeak.GetValueOrDefault(name) / 1024.0;
}
