namespace Moonwire.Lua;

/// <summary>A one-shot callback the host thread runs when its due time comes, unless cancelled first.</summary>
public sealed class HostTimer
{
    private readonly TimerQueue _queue;

    internal HostTimer(TimerQueue queue, long due, long sequence, Action callback)
    {
        _queue = queue;
        Due = due;
        Sequence = sequence;
        Callback = callback;
    }

    internal long Due { get; }

    internal long Sequence { get; }

    internal Action Callback { get; }

    /// <summary>Stops the timer if it has not fired; idempotent. Host thread only.</summary>
    public void Cancel() => _queue.Remove(this);
}
