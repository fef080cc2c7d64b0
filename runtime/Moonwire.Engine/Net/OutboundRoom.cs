using System.Threading.Tasks.Sources;
using Moonwire.Engine.Framing;

namespace Moonwire.Engine.Net;

/// <summary>
/// Sends parked until a write takes the outbound buffer (backpressure), guarded by the connection's buffer
/// lock: one whose message found no room, to try again; one whose message filled the buffer, to complete.
/// A parked send is itself the task its caller awaits and the work item that wakes it, and it is pooled:
/// parking allocates nothing in steady state. Wake-ups run on the thread pool, never inline on the thread
/// that is flushing.
/// </summary>
internal sealed class OutboundRoom(WebSocketConnection connection, Lock bufferLock)
{
    private readonly List<ParkedSend> _parked = [];
    private readonly Stack<ParkedSend> _spare = [];

    private WebSocketConnection Connection => connection;

    /// <summary>With the buffer lock held: parks a send whose message found no room until the next <see cref="WakeAllLocked"/>.</summary>
    public ParkedSend ParkLocked(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression) =>
        Park(payload, opcode, allowCompression, buffered: false);

    /// <summary>With the buffer lock held: parks a send whose message is buffered until the next <see cref="WakeAllLocked"/>.</summary>
    public ParkedSend ParkBufferedLocked() => Park(default, default, default, buffered: true);

    /// <summary>With the buffer lock held: parks a send again that found no room when it retried, or filled the buffer.</summary>
    public void ParkAgainLocked(ParkedSend parked, bool buffered)
    {
        if (buffered)
        {
            parked.MarkBuffered();
        }

        _parked.Add(parked);
    }

    private ParkedSend Park(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression, bool buffered)
    {
        var parked = _spare.TryPop(out var spare) ? spare : new ParkedSend(this);
        parked.Arm(payload, opcode, allowCompression, buffered);
        _parked.Add(parked);
        return parked;
    }

    /// <summary>
    /// With the buffer lock held: queues every parked send to try again, or to complete. <paramref name="taken"/>:
    /// a write took the buffer (the buffered messages are on their way), rather than the connection ending.
    /// </summary>
    public void WakeAllLocked(bool taken)
    {
        foreach (var parked in _parked)
        {
            parked.WokenByTake = taken;
            ThreadPool.UnsafeQueueUserWorkItem(parked, preferLocal: false);
        }

        _parked.Clear();
    }

    /// <summary>Takes back a send whose message is still unbuffered: one already buffered will be sent.</summary>
    private bool TryUnpark(ParkedSend parked)
    {
        lock (bufferLock)
        {
            return !parked.IsBuffered && _parked.Remove(parked);
        }
    }

    private void Recycle(ParkedSend parked)
    {
        lock (bufferLock)
        {
            _spare.Push(parked);
        }
    }

    /// <summary>One parked send: a reusable value-task source that is also the work item that wakes it.</summary>
    internal sealed class ParkedSend(OutboundRoom room) : IValueTaskSource, IThreadPoolWorkItem
    {
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _cancellation;

        public ReadOnlyMemory<byte> Payload { get; private set; }

        public Opcode Opcode { get; private set; }

        public bool AllowCompression { get; private set; }

        /// <summary>Its message is in the buffer already: waking completes it. Changes under the buffer lock.</summary>
        public bool IsBuffered { get; private set; }

        /// <summary>Why it woke: a write took the buffer, or the connection ended. Set under the buffer lock.</summary>
        public bool WokenByTake { get; set; }

        public void Arm(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression, bool buffered)
        {
            _core.Reset();
            Payload = payload;
            Opcode = opcode;
            AllowCompression = allowCompression;
            IsBuffered = buffered;
        }

        public void MarkBuffered()
        {
            IsBuffered = true;
            Payload = default;
        }

        /// <summary>
        /// Outside the buffer lock: completes once the message is buffered below the limit, or taken by a write;
        /// faults when <paramref name="cancellationToken"/> fires before it is buffered.
        /// </summary>
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
