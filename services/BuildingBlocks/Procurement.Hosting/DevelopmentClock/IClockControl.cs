namespace Procurement.Hosting.DevelopmentClock;

/// <summary>
/// A business clock that may be moved forward: <see cref="AdjustableClock"/> when a service runs with the development
/// clock control, or a test's manual clock. Registered only then; its absence is what refuses the control.
/// </summary>
public interface IClockControl
{
    DateTimeOffset GetUtcNow();

    /// <summary>How far ahead of the real clock it runs.</summary>
    TimeSpan Offset { get; }

    /// <summary>Moves forward by a non-negative duration; returns the new now.</summary>
    DateTimeOffset AdvanceBy(TimeSpan by);

    /// <summary>Moves forward to a moment; a moment already passed changes nothing. Returns the new now.</summary>
    DateTimeOffset AdvanceTo(DateTimeOffset moment);
}
