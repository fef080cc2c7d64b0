namespace Moonwire.Engine.Net;

// Write coalescing: a send that finds room in the outbound buffer completes at once, and one flush,
// queued to the thread pool, writes everything that gathered meanwhile. A burst of N sends costs a
// few writes instead of N (each a syscall, and on loopback a wake-up of the peer); a lone send costs
// one work item, which runs on this thread as soon as the caller awaits anything.
public sealed partial class WebSocketConnection
{
    private const int MaxFlushRetries = 8;

    // Guarded by the write lock.
    private bool _flushQueued;

    // Touched only by the queued flush before it holds the lock; no sender queues it again until then.
    private int _flushRetries;
    private QueuedFlush? _queuedFlush;

    /// <summary>With the write lock held: makes sure a flush will follow what was just buffered.</summary>
    private void QueueFlushLocked()
    {
        if (_flushQueued)
        {
            return;
        }

        _flushQueued = true;
        ThreadPool.UnsafeQueueUserWorkItem(_queuedFlush ??= new QueuedFlush(this), preferLocal: true);
    }

    /// <summary>The queued flush. Allocates nothing when it gets the lock soon and the socket takes every byte at once.</summary>
    private void FlushQueued()
    {
        if (!TryAcquireWriteLockSpinning())
        {
            // A sender in a burst holds the lock nearly all the time: try again behind other work a few times
            // before an asynchronous wait (which allocates), so the flush does not stall the sender either.
            if (++_flushRetries <= MaxFlushRetries)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_queuedFlush!, preferLocal: false);
                return;
            }

            _flushRetries = 0;
            _ = FlushQueuedAfterLockAsync();
            return;
        }

        _flushRetries = 0;
        FlushQueuedLocked();
    }

    private async Task FlushQueuedAfterLockAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        FlushQueuedLocked();
    }

    /// <summary>With the write lock held: writes what is buffered, then releases the lock (at once when the socket took it all).</summary>
    private void FlushQueuedLocked()
    {
        _flushQueued = false;
        var flush = FlushLockedAsync(CancellationToken.None);
        if (flush.IsCompletedSuccessfully)
        {
            flush.GetAwaiter().GetResult();
            _writeLock.Release();
            return;
        }

        _ = FinishQueuedFlushAsync(flush);
    }

    /// <summary>
    /// Takes the write lock, spinning briefly first. Its holder is mostly a sender copying a message in or a
    /// flush inside one syscall; waiting asynchronously would allocate a waiter and hop threads.
    /// </summary>
    private ValueTask AcquireWriteLockAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return TryAcquireWriteLockSpinning() ? ValueTask.CompletedTask : new ValueTask(_writeLock.WaitAsync(cancellationToken));
    }

    private bool TryAcquireWriteLockSpinning()
    {
        var spin = new SpinWait();
        while (!_writeLock.Wait(0))
        {
            if (spin.NextSpinWillYield)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }

    /// <summary>Awaits a queued flush and releases the write lock it holds.</summary>
    private async Task FinishQueuedFlushAsync(ValueTask flush)
    {
        try
        {
            await flush.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or WebSocketException)
        {
            // No caller waits on this write: end the connection, so the next send or receive reports it
            // (a send timeout has already recorded itself as the reason).
            await EndAsync(Dropped()).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The connection's one work item, reused: it carries nothing but the connection.</summary>
    private sealed class QueuedFlush(WebSocketConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => connection.FlushQueued();
    }
}
