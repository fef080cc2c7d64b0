using System.Threading.Tasks.Sources;

namespace Moonwire.Engine.Net;

/// <summary>
/// Senders parked until the outbound buffer has room again (backpressure), guarded by the connection's
/// buffer lock. Waiters are pooled, so parking allocates nothing in steady state. They are woken through
/// the thread pool: a sender's continuation never runs on the thread that is flushing.
/// </summary>
internal sealed class OutboundRoom(Lock bufferLock)
{
    private readonly List<Waiter> _parked = [];
    private readonly Stack<Waiter> _spare = [];

    /// <summary>With the buffer lock held: parks a sender until the next <see cref="WakeAllLocked"/>.</summary>
    public Waiter ParkLocked()
    {
        var waiter = _spare.TryPop(out var spare) ? spare : new Waiter(this);
        waiter.Reset();
        _parked.Add(waiter);
        return waiter;
    }

    /// <summary>With the buffer lock held: wakes every parked sender; each checks the room again itself.</summary>
    public void WakeAllLocked()
    {
        foreach (var waiter in _parked)
        {
            ThreadPool.UnsafeQueueUserWorkItem(waiter, preferLocal: false);
        }

        _parked.Clear();
    }

    private bool TryUnpark(Waiter waiter)
    {
        lock (bufferLock)
        {
            return _parked.Remove(waiter);
        }
    }

    private void Recycle(Waiter waiter)
    {
        lock (bufferLock)
        {
            _spare.Push(waiter);
        }
    }

    /// <summary>One parked sender: a reusable value-task source that is also the work item that wakes it.</summary>
    internal sealed class Waiter(OutboundRoom room) : IValueTaskSource, IThreadPoolWorkItem
    {
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _cancellation;

        /// <summary>Outside the buffer lock: completes when woken, or faults when <paramref name="cancellationToken"/> fires first.</summary>
        public ValueTask WaitAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), this);
            }

            return new ValueTask(this, _core.Version);
        }

        public void Reset() => _core.Reset();

        void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

        public void GetResult(short token)
        {
            try
            {
                _core.GetResult(token);
            }
            finally
            {
                _cancellation.Dispose();
                _cancellation = default;
                room.Recycle(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private void Cancel(CancellationToken token)
        {
            // Whoever takes the waiter off the list completes it: a wake-up that came first wins.
            if (room.TryUnpark(this))
            {
                _core.SetException(new OperationCanceledException(token));
            }
        }
    }
}
