using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Moonwire.Engine.Net;

// Every write to the network runs with the socket lock held and within WebSocketOptions.SendTimeout
// (reliability row L-5): a peer that stopped reading fills TCP's buffers and the write never completes, so
// rather than hold every later sender (and their messages) forever, SendWatchdog fails the connection.
// A write the socket takes at once costs nothing more. One that waits resumes its caller through a reusable
// operation instead of an async method, whose pooled box is rented on one thread and returned on another
// and so misses the pool's per-thread cache (as the receive path's did, WebSocketConnection.Receiving.cs).
public sealed partial class WebSocketConnection
{
    // The operation a waiting write borrows; its caller gives it back with the result. A second one is made
    // only when a write starts before the last one's caller took its result (a gathered send ends its turn
    // first, see EndTurn).
    private NetworkWrite? _spareWrite;

    /// <summary>With the socket lock held: writes <paramref name="bytes"/> within the send timeout.</summary>
    private ValueTask WriteWithinSendTimeoutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WithinSendTimeout(_stream.WriteAsync(bytes, cancellationToken), endsTurn: false);

    /// <summary>
    /// With the socket lock held: completes as <paramref name="write"/> does, or fails saying the send timed out.
    /// <paramref name="endsTurn"/>: once written, the holder's turn is over (<see cref="EndTurn"/>) before
    /// its caller resumes, so that caller's next send can take the socket again at once.
    /// </summary>
    private ValueTask WithinSendTimeout(ValueTask write, bool endsTurn)
    {
        if (write.IsCompleted)
        {
            return endsTurn ? EndTurnAfter(write) : write;
        }

        if (_options.SendTimeout is not null)
        {
            Volatile.Write(ref _writeStalledSince, Environment.TickCount64);
            SendWatchdog.Watch(this);
        }

        var operation = Interlocked.Exchange(ref _spareWrite, null) ?? new NetworkWrite(this);
        return operation.Start(write, endsTurn);
    }

    private ValueTask EndTurnAfter(ValueTask completedWrite)
    {
        try
        {
            completedWrite.GetAwaiter().GetResult();
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
        finally
        {
            EndTurn();
        }
    }

    /// <summary>The socket lock's holder is done: what it wrote is no longer needed, and the next writer may go.</summary>
    private void EndTurn()
    {
        _inFlight.Clear();
        _socketLock.Release();
    }

    /// <summary>A waiting write finished (<paramref name="error"/> null) or failed: the error its caller sees.</summary>
    private Exception? EndWrite(Exception? error, bool endsTurn)
    {
        Volatile.Write(ref _writeStalledSince, 0);
        if (error is not null && Volatile.Read(ref _sendTimedOut) && _options.SendTimeout is { } limit)
        {
            error = new WebSocketException($"Sending timed out after {limit.TotalSeconds:0.###} s: the peer stopped reading.", error);
        }

        if (endsTurn)
        {
            EndTurn();
        }

        return error;
    }

    /// <summary>One write that waits for the network, seen through to its end; reusable once its caller has the result.</summary>
    private sealed class NetworkWrite(WebSocketConnection connection) : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _completion;
        private ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter _write;
        private bool _endsTurn;
        private Action? _onWritten;

        public ValueTask Start(ValueTask write, bool endsTurn)
        {
            _completion.Reset();
            _endsTurn = endsTurn;
            var version = _completion.Version;
            _write = write.ConfigureAwait(false).GetAwaiter();
            _write.UnsafeOnCompleted(_onWritten ??= OnWritten);
            return new ValueTask(this, version);
        }

        public void GetResult(short token)
        {
            try
            {
                _completion.GetResult(token);
            }
            finally
            {
                Volatile.Write(ref connection._spareWrite, this);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _completion.OnCompleted(continuation, state, token, flags);

        private void OnWritten()
        {
            Exception? error = null;
            try
            {
                _write.GetResult();
            }
            catch (Exception e)
            {
                error = e;
            }

            _write = default;
            error = connection.EndWrite(error, _endsTurn);
            if (error is null)
            {
                _completion.SetResult(true);
            }
            else
            {
                _completion.SetException(error);
            }
        }
    }
}
