using System.Threading.Tasks.Sources;
using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Net;

/// <summary>
/// Sends parked until the outbound buffer has room again (backpressure), guarded by the connection's buffer
/// lock. A parked send is itself the task its caller awaits and the work item that retries it, and it is
/// pooled: parking allocates nothing in steady state. Retries run on the thread pool, never inline on the
/// thread that is flushing.
/// </summary>
internal sealed class OutboundRoom(WebSocketConnection connection, Lock bufferLock)
{
    private readonly List<ParkedSend> _parked = [];
    private readonly Stack<ParkedSend> _spare = [];

    private WebSocketConnection Connection => connection;

    /// <summary>With the buffer lock held: parks a send until the next <see cref="WakeAllLocked"/>.</summary>
    public ParkedSend ParkLocked(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression)
    {
        var parked = _spare.TryPop(out var spare) ? spare : new ParkedSend(this);
        parked.Arm(payload, opcode, allowCompression);
        _parked.Add(parked);
        return parked;
    }

    /// <summary>With the buffer lock held: parks a send again that found no room when it retried.</summary>
    public void ParkAgainLocked(ParkedSend parked) => _parked.Add(parked);

    /// <summary>With the buffer lock held: queues every parked send to try again.</summary>
    public void WakeAllLocked()
    {
        foreach (var parked in _parked)
        {
            ThreadPool.UnsafeQueueUserWorkItem(parked, preferLocal: false);
        }

        _parked.Clear();
    }

    private bool TryUnpark(ParkedSend parked)
    {
        lock (bufferLock)
        {
            return _parked.Remove(parked);
        }
    }

    private void Recycle(ParkedSend parked)
    {
        lock (bufferLock)
        {
            _spare.Push(parked);
        }
    }

    /// <summary>One parked message: a reusable value-task source that is also the work item that retries it.</summary>
    internal sealed class ParkedSend(OutboundRoom room) : IValueTaskSource, IThreadPoolWorkItem
    {
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _cancellation;

        public ReadOnlyMemory<byte> Payload { get; private set; }

        public Opcode Opcode { get; private set; }

        public bool AllowCompression { get; private set; }

        public void Arm(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression)
        {
            _core.Reset();
            Payload = payload;
            Opcode = opcode;
            AllowCompression = allowCompression;
        }

        /// <summary>Outside the buffer lock: completes once the message is buffered, or faults when <paramref name="cancellationToken"/> fires first.</summary>
        public ValueTask WaitAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((ParkedSend)state!).Cancel(token), this);
            }

            return new ValueTask(this, _core.Version);
        }

        public void Succeed() => _core.SetResult(true);

        public void Fail(Exception error) => _core.SetException(error);

        void IThreadPoolWorkItem.Execute() => room.Connection.RetryParkedSend(this);

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
                // The caller's memory is not ours to keep.
                Payload = default;
                room.Recycle(this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);

        private void Cancel(CancellationToken token)
        {
            // Only a parked send can be cancelled: one already retrying goes on (and is sent).
            if (room.TryUnpark(this))
            {
                _core.SetException(new OperationCanceledException(token));
            }
        }
    }
}
