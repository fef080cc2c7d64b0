namespace Moonwire.Engine.Net;

// Write coalescing: a send that finds room in the outbound buffer completes at once, and one flush,
// queued to the thread pool, writes everything that gathered meanwhile. A burst of N sends costs a
// few writes instead of N (each a syscall, and on loopback a wake-up of the peer); a lone send costs
// one work item, which runs on this thread as soon as the caller awaits anything.
public sealed partial class WebSocketConnection
{
    // Guarded by the write lock.
    private bool _flushQueued;

    /// <summary>With the write lock held: makes sure a flush will follow what was just buffered.</summary>
    private void QueueFlushLocked()
    {
        if (_flushQueued)
        {
            return;
        }

        _flushQueued = true;
        ThreadPool.UnsafeQueueUserWorkItem(static connection => _ = connection.FlushQueuedAsync(), this, preferLocal: true);
    }

    private async Task FlushQueuedAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _flushQueued = false;
            await FlushLockedAsync(CancellationToken.None).ConfigureAwait(false);
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
}
