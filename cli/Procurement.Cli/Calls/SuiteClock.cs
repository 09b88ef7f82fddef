using Procurement.Cli.Profiles;
using Procurement.Contracts.Dev.V1;
using Procurement.Identity;

namespace Procurement.Cli.Calls;

/// <summary>
/// The suite's business clock as this CLI last read it: this machine's clock plus an offset per gateway, recorded
/// whenever `clock show`, `clock advance` or a relative time (+30d) reads it, so that "+30d" means 30 days on the
/// suite's clock.
/// </summary>
public sealed class SuiteClock(TimeProvider machine, ProfileStore store, Uri gateway)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public TimeSpan Offset => store.Load().ClockOffsets.TryGetValue(gateway.ToString(), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    public DateTimeOffset Now => machine.GetUtcNow() + Offset;

    public void Record(ClockReading reading)
    {
        if (reading.Clocks.Count == 0) return;
        var latest = reading.Clocks.Max(c => c.Now.ToDateTimeOffset());
        var offset = latest - machine.GetUtcNow();
        store.Update(state => state.ClockOffsets[gateway.ToString()] = Math.Round(offset.TotalSeconds, 3));
    }

    /// <summary>
    /// A development token for this person, dated by this machine's clock: a suite that lets its clock be moved still
    /// judges token lifetimes by the real clock (decision 0016).
    /// </summary>
    public string IssueToken(Caller caller) => DevelopmentTokens.Issue(caller, TokenLifetime, machine);
}
