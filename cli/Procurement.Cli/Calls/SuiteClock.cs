using Procurement.Cli.Profiles;
using Procurement.Contracts.Dev.V1;
using Procurement.Identity;

namespace Procurement.Cli.Calls;

/// <summary>
/// The suite's business clock as this CLI last read it: this machine's clock plus an offset per gateway, recorded
/// whenever `clock show`, `clock advance` or a relative time (+30d) reads it. Development tokens are
/// dated to be valid at both clocks, because the gateway and the services judge token lifetimes by their clocks.
/// </summary>
public sealed class SuiteClock(TimeProvider machine, ProfileStore store, Uri gateway)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public TimeSpan Offset => store.Load().ClockOffsets.TryGetValue(gateway.ToString(), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    public DateTimeOffset Now => machine.GetUtcNow() + Offset;

    public void Record(ClockReading reading)
    {
        if (reading.Clocks.Count == 0) return;
        var latest = reading.Clocks.Max(c => c.Now.ToDateTimeOffset());
        var offset = latest - machine.GetUtcNow();
        store.Update(state => state.ClockOffsets[gateway.ToString()] = Math.Round(offset.TotalSeconds, 3));
    }

    /// <summary>A development token for this person, valid from before the earlier of the two clocks until after the later.</summary>
    public string IssueToken(Caller caller)
    {
        var machineNow = machine.GetUtcNow();
        var suiteNow = machineNow + Offset;
        var from = (suiteNow < machineNow ? suiteNow : machineNow) - Margin;
        var until = (suiteNow > machineNow ? suiteNow : machineNow) + TokenLifetime;
        return DevelopmentTokens.Issue(caller, until - from, new FixedClock(from));
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
