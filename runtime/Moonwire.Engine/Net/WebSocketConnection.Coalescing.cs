namespace Moonwire.Engine.Net;

// Write coalescing over two buffers. Senders append to _outbound under _bufferLock, which is never held
// across I/O. One flush loop, queued to the thread pool, takes the socket lock, swaps _outbound with
// _inFlight and writes that while senders go on appending: a burst of N sends costs a few writes instead
// of N (each a syscall, and on loopback a wake-up of the peer), and copying the next messages overlaps
// writing the last ones.
public sealed partial class WebSocketConnection
{
    // Guarded by _bufferLock: a flush loop is queued or running, and writes whatever is appended before it stops.
    private bool _flushQueued;

    // Touched only by the flush loop, which holds the socket lock.
    private ValueTask _pendingWrite;
    private Action? _continueFlush;
    private QueuedFlush? _queuedFlush;

    /// <summary>With the buffer lock held: makes sure a flush loop will write what was just buffered.</summary>
    private void EnsureFlushQueuedLocked()
    {
        if (_flushQueued)
        {
            return;
        }

        _flushQueued = true;
        ThreadPool.UnsafeQueueUserWorkItem(_queuedFlush ??= new QueuedFlush(this), preferLocal: true);
    }

    /// <summary>
    /// With the buffer lock held and the socket lock too: moves what is buffered (and a deferred pong) to
    /// <c>_inFlight</c>, which the caller then writes. The outbound buffer is empty again, so parked senders wake.
    /// </summary>
    private void TakeOutboundLocked()
    {
        if (_deferredPong is { } pong)
        {
            _deferredPong = null;
            if (!IsClosedForSending)
            {
                _writer.WriteControl(_outbound, Framing.Opcode.Pong, pong);
            }
        }

        (_outbound, _inFlight) = (_inFlight, _outbound);
        _bufferedPongBytes = 0;
        _room.WakeAllLocked(taken: true);
    }

    private void StartFlushLoop()
    {
        if (_socketLock.Wait(0))
        {
            FlushUntilEmpty();
            return;
        }

        // A message written in place or a control frame holds the socket; the loop follows it.
        _ = FlushAfterSocketLockAsync();
    }

    private async Task FlushAfterSocketLockAsync()
    {
        await _socketLock.WaitAsync().ConfigureAwait(false);
        FlushUntilEmpty();
    }

    /// <summary>
    /// With the socket lock held: writes until nothing more is buffered, then releases the lock. A write
    /// that does not complete at once resumes the loop from its completion (no task, no allocation).
    /// </summary>
    private void FlushUntilEmpty()
    {
        while (true)
        {
            lock (_bufferLock)
            {
                if (_outbound.Length == 0 && _deferredPong is null)
                {
                    _flushQueued = false;
                    break;
                }

                TakeOutboundLocked();
            }

            _pendingWrite = StartLoopWrite();
            if (!_pendingWrite.IsCompleted)
            {
                _pendingWrite.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_continueFlush ??= ContinueFlush);
                return;
            }

            if (!EndPendingWrite())
            {
                return;
            }
        }

        _socketLock.Release();
    }

    private ValueTask StartLoopWrite()
    {
        try
        {
            return WriteWithinSendTimeoutAsync(_inFlight.ReadableMemory, CancellationToken.None);
        }
        catch (Exception e)
        {
            // A disposed stream throws at once rather than failing the write it returns; end the same way.
            return ValueTask.FromException(e);
        }
    }

    private void ContinueFlush()
    {
        if (EndPendingWrite())
        {
            FlushUntilEmpty();
        }
    }

    /// <summary>Completes the loop's write; false when it failed, which ends the connection and the loop.</summary>
    private bool EndPendingWrite()
    {
        try
        {
            _pendingWrite.GetAwaiter().GetResult();
            _inFlight.Clear();
            return true;
        }
        catch (Exception)
        {
            // No caller waits on this write, and the loop runs on the thread pool, where anything thrown would
            // end the process: end the connection instead, so the next send or receive reports it (a send
            // timeout has already recorded itself as the reason). Ending wakes parked senders.
            End(Dropped());
            lock (_bufferLock)
            {
                _flushQueued = false;
            }

            EndTurn();
            return false;
        }
    }

    /// <summary>The connection's one flush work item, reused: it carries nothing but the connection.</summary>
    private sealed class QueuedFlush(WebSocketConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => connection.StartFlushLoop();
    }
}
