namespace Procurement.Hosting.DevelopmentClock;

/// <summary>
/// DEVELOPMENT ONLY: the real clock plus an offset that only grows. Timers made from it keep their due moment on
/// this clock: when the offset grows they are re-armed, so a wait for a deadline ends as soon as the clock passes it
/// (that is how the tender service's closing scheduler notices a deadline moved past in a demonstration).
/// </summary>
public sealed class AdjustableClock(TimeProvider real) : TimeProvider, IClockControl
{
    private readonly TimeProvider _real = real;
    private readonly Lock _gate = new();
    private readonly HashSet<AdjustableTimer> _timers = [];
    private TimeSpan _offset;

    public AdjustableClock() : this(System) { }

    public TimeSpan Offset
    {
        get { lock (_gate) return _offset; }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _real.GetUtcNow() + _offset;
    }

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    // Timestamps measure elapsed time; they stay on the real clock (a jump is not time spent).
    public override long TimestampFrequency => _real.TimestampFrequency;
    public override long GetTimestamp() => _real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new AdjustableTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public DateTimeOffset AdvanceBy(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        AdjustableTimer[] timers;
        DateTimeOffset now;
        lock (_gate)
        {
            _offset += by;
            now = _real.GetUtcNow() + _offset;
            timers = [.. _timers];
        }
        foreach (var timer in timers) timer.Rearm();
        return now;
    }

    public DateTimeOffset AdvanceTo(DateTimeOffset moment)
    {
        var now = GetUtcNow();
        return moment > now ? AdvanceBy(moment - now) : now;
    }

    /// <summary>A real timer aimed at a moment of this clock; re-aimed when the offset grows.</summary>
    private sealed class AdjustableTimer : ITimer
    {
        private readonly AdjustableClock _clock;
        private readonly ITimer _inner;
        private readonly Lock _gate = new();
        private DateTimeOffset? _dueAt;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public AdjustableTimer(AdjustableClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _inner = clock._real.CreateTimer(_ => Fire(callback, state), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed) return false;
                _period = period;
                _dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                Track(_dueAt is not null || period != Timeout.InfiniteTimeSpan);
                return _inner.Change(dueTime, period);
            }
        }

        /// <summary>The clock jumped: what was due at <see cref="_dueAt"/> is now due that much sooner (or at once).</summary>
        public void Rearm()
        {
            lock (_gate)
            {
                if (_disposed || _dueAt is not { } dueAt) return;
                var remaining = dueAt - _clock.GetUtcNow();
                _inner.Change(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _period);
            }
        }

        private void Fire(TimerCallback callback, object? state)
        {
            lock (_gate)
            {
                if (_disposed) return;
                // A periodic timer's next tick counts from now; a one-shot timer is done.
                _dueAt = _period == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + _period;
            }
            callback(state);
        }

        private void Track(bool active)
        {
            lock (_clock._gate)
            {
                if (active) _clock._timers.Add(this);
                else _clock._timers.Remove(this);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                Track(false);
            }
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
