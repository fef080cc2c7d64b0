using System.Diagnostics;

namespace Moonwire.Lua;

/// <summary>
/// The host thread's timers, ordered by due time and then by creation, so timers due together fire in
/// the order they were made. Due times count from the turn's start (<see cref="Now"/> is read once per
/// turn), which makes "after 0.1 s, then after 0.1 s" fire in that order. Host thread only.
/// </summary>
internal sealed class TimerQueue
{
    private readonly SortedSet<HostTimer> _timers = new(Comparer<HostTimer>.Create(
        static (a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Sequence.CompareTo(b.Sequence)));

    /// <summary>About 31 years: far enough to mean "never", near enough to add to the clock without overflow.</summary>
    public const double MaxDelaySeconds = 1e9;

    private long _sequence;

    public long Now { get; private set; } = Stopwatch.GetTimestamp();

    public int Count => _timers.Count;

    public void StartTurn() => Now = Stopwatch.GetTimestamp();

    public HostTimer Add(TimeSpan delay, Action callback)
    {
        var ticks = (long)(Math.Clamp(delay.TotalSeconds, 0, MaxDelaySeconds) * Stopwatch.Frequency);
        var timer = new HostTimer(this, Now + ticks, _sequence++, callback);
        _timers.Add(timer);
        return timer;
    }

    public void Remove(HostTimer timer) => _timers.Remove(timer);

    /// <summary>Removes and returns the earliest timer if it is due.</summary>
    public HostTimer? TakeDue()
    {
        var first = _timers.Min;
        if (first is null || first.Due > Stopwatch.GetTimestamp())
        {
            return null;
        }

        _timers.Remove(first);
        return first;
    }

    /// <summary>How long the host thread may sleep before the next timer is due.</summary>
    public TimeSpan UntilNext()
    {
        var first = _timers.Min;
        if (first is null)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var ticks = Math.Max(0, first.Due - Stopwatch.GetTimestamp());
        return TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency), int.MaxValue - 1));
    }

    public void Clear() => _timers.Clear();
}
