using System.Threading.Tasks.Sources;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

// The receive path, written as a state machine by hand. There is one receive at a time per connection,
// so one reusable operation serves them all, and a receive that waits for the network allocates nothing.
// (A pooled async method did allocate: its box was rented and returned on different threads, which the
// pool's per-thread cache misses.) Only the end of a connection runs through async methods.
public sealed partial class WebSocketConnection
{
    private ReceiveOperation? _receiveOperation;

    /// <summary>
    /// Receives the next message or control frame. Pings are answered before they are returned. When the
    /// connection ends (peer's Close, a protocol fault, a dropped socket) a <see cref="MessageKind.Close"/>
    /// is returned, and again on every later call.
    /// </summary>
    public ValueTask<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        if (_close is { } closed)
        {
            return ValueTask.FromResult(closed.Value);
        }

        if (Interlocked.Exchange(ref _receiving, 1) != 0)
        {
            return ValueTask.FromException<WebSocketMessage>(new InvalidOperationException("Another receive is already in progress on this connection."));
        }

        return (_receiveOperation ??= new ReceiveOperation(this)).Start(cancellationToken);
    }

    /// <summary>The next event from what is buffered, after dropping what the last event used.</summary>
    private ReadEvent ReadBuffered(out int consumed)
    {
        _receive.Consume(_pendingConsume);
        _pendingConsume = 0;
        return _reader.Read(_receive.ReadableMemory, out consumed);
    }

    /// <summary>
    /// Starts reading more bytes: straight into the message buffer when a large frame's payload is all that
    /// is left (<paramref name="direct"/>), else into the receive buffer. Uncorks and queues a flush of what
    /// is buffered first, since we are about to wait; never writes (see the architecture's step 1): the
    /// receive loop must not block on a full socket while the peer, in turn, waits for us to read.
    /// </summary>
    private ValueTask<int> StartFill(int consumed, out Memory<byte> direct, CancellationToken cancellationToken)
    {
        _receive.Consume(consumed);
        direct = _receive.Length == 0 ? _reader.GetDirectPayloadTarget(_options.ReceiveBufferBytes) : default;
        lock (_bufferLock)
        {
            _corked = false;
            if (_outbound.Length > 0)
            {
                EnsureFlushQueuedLocked();
            }
        }

        Volatile.Write(ref _waitingForInputSince, Environment.TickCount64);
        if (!direct.IsEmpty)
        {
            return _stream.ReadAsync(direct, cancellationToken);
        }

        _receive.EnsureWritable(Math.Min(_options.ReceiveBufferBytes, 4096));
        return _stream.ReadAsync(_receive.WritableMemory, cancellationToken);
    }

    /// <summary>Takes in <paramref name="read"/> bytes (not 0); an event when a direct payload completed a frame.</summary>
    private ReadEvent EndFill(int read, Memory<byte> direct)
    {
        NoteInput(read);
        if (direct.IsEmpty)
        {
            _receive.Advance(read);
            return default;
        }

        return _reader.CommitDirectPayload(read);
    }

    /// <summary>What an event means to the caller.</summary>
    private enum Delivery
    {
        /// <summary>A message to return.</summary>
        Message,

        /// <summary>Nothing for the caller (our keepalive's pong): read on.</summary>
        ReadOn,

        /// <summary>The peer's Close, or a fault: the connection ends.</summary>
        End,
    }

    private Delivery Deliver(ReadEvent ev, int consumed, out WebSocketMessage message)
    {
        _pendingConsume = consumed;
        // Corking needs no lock: a sender that misses it only flushes sooner. Uncorking does (StartFill).
        Volatile.Write(ref _corked, _receive.Length > consumed);
        message = default;
        switch (ev.Kind)
        {
            case ReadEventKind.Message:
                message = new WebSocketMessage
                {
                    Kind = ev.Opcode == Framing.Opcode.Text ? MessageKind.Text : MessageKind.Binary,
                    Payload = ev.Payload,
                    CloseReason = "",
                };
                return Delivery.Message;
            case ReadEventKind.Ping:
                ReplyPong(ev.Payload);
                message = new WebSocketMessage { Kind = MessageKind.Ping, Payload = ev.Payload, CloseReason = "" };
                return Delivery.Message;
            case ReadEventKind.Pong when IsKeepAlivePong(ev.Payload.Span):
                return Delivery.ReadOn;
            case ReadEventKind.Pong:
                message = new WebSocketMessage { Kind = MessageKind.Pong, Payload = ev.Payload, CloseReason = "" };
                return Delivery.Message;
            default:
                return Delivery.End;
        }
    }

    /// <summary>The peer's Close, or a fault: the connection ends.</summary>
    private ValueTask<WebSocketMessage> EndWithAsync(ReadEvent ev) =>
        ev.Kind == ReadEventKind.Close ? OnPeerCloseAsync(ev) : FailAsync(ev.Fault);

    /// <summary>Ends the receive: another may start; DisposeAsync, which itself receives while it waits for the peer's Close, frees the buffers only once it is over.</summary>
    private void EndReceive()
    {
        Volatile.Write(ref _receiving, 0);
        if (Volatile.Read(ref _disposed) != 0 && State == WebSocketState.Closed)
        {
            ReleaseBuffers();
        }
    }

    /// <summary>The connection's one receive in progress: runs until a message, or until a read has to wait and resumes it.</summary>
    private sealed class ReceiveOperation(WebSocketConnection connection) : IValueTaskSource<WebSocketMessage>
    {
        private ManualResetValueTaskSourceCore<WebSocketMessage> _completion;
        private CancellationToken _cancellationToken;
        private ValueTask<int> _read;
        private Memory<byte> _direct;
        private Action? _resume;

        public ValueTask<WebSocketMessage> Start(CancellationToken cancellationToken)
        {
            _cancellationToken = cancellationToken;
            _completion.Reset();
            if (Advance(resumed: false) is not { } outcome)
            {
                return new ValueTask<WebSocketMessage>(this, _completion.Version);
            }

            if (!outcome.IsCompleted)
            {
                return EndReceiveAfterAsync(outcome);
            }

            connection.EndReceive();
            return outcome;
        }

        /// <summary>The receive ends once its caller has the result: not before, or another could reset this operation first.</summary>
        public WebSocketMessage GetResult(short token)
        {
            try
            {
                return _completion.GetResult(token);
            }
            finally
            {
                connection.EndReceive();
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _completion.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _completion.OnCompleted(continuation, state, token, flags);

        /// <summary>From a read's completion: runs on, and completes the receive once it has an outcome.</summary>
        private void Resume()
        {
            if (Advance(resumed: true) is not { } outcome)
            {
                return;
            }

            if (outcome.IsCompletedSuccessfully)
            {
                _completion.SetResult(outcome.Result);
            }
            else
            {
                _ = CompleteLaterAsync(outcome);
            }
        }

        private async Task CompleteLaterAsync(ValueTask<WebSocketMessage> outcome)
        {
            try
            {
                _completion.SetResult(await outcome.ConfigureAwait(false));
            }
            catch (Exception e)
            {
                _completion.SetException(e);
            }
        }

        private async ValueTask<WebSocketMessage> EndReceiveAfterAsync(ValueTask<WebSocketMessage> outcome)
        {
            try
            {
                return await outcome.ConfigureAwait(false);
            }
            finally
            {
                connection.EndReceive();
            }
        }

        /// <summary>
        /// Runs the receive from where it stands (<paramref name="resumed"/>: a read just completed): null while a
        /// read waits, else the outcome.
        /// </summary>
        private ValueTask<WebSocketMessage>? Advance(bool resumed)
        {
            try
            {
                while (true)
                {
                    ReadEvent ev;
                    int consumed;
                    if (resumed)
                    {
                        resumed = false;
                        var read = _read.GetAwaiter().GetResult();
                        _read = default;
                        if (read == 0)
                        {
                            return ValueTask.FromResult(connection.End(Dropped()));
                        }

                        ev = connection.EndFill(read, _direct);
                        if (_direct.IsEmpty || ev.Kind == ReadEventKind.NeedMoreData)
                        {
                            continue;
                        }

                        consumed = 0;
                    }
                    else
                    {
                        ev = connection.ReadBuffered(out consumed);
                        if (ev.Kind == ReadEventKind.NeedMoreData)
                        {
                            _read = connection.StartFill(consumed, out _direct, _cancellationToken);
                            if (!_read.IsCompleted)
                            {
                                _read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_resume ??= Resume);
                                return null;
                            }

                            resumed = true;
                            continue;
                        }
                    }

                    switch (connection.Deliver(ev, consumed, out var message))
                    {
                        case Delivery.Message:
                            return ValueTask.FromResult(message);
                        case Delivery.End:
                            return EndingAsync(ev);
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException && !_cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromResult(connection.End(Dropped()));
            }
            catch (Exception e)
            {
                return ValueTask.FromException<WebSocketMessage>(e);
            }
        }

        /// <summary>The closing handshake or a failure, which may wait for the network.</summary>
        private async ValueTask<WebSocketMessage> EndingAsync(ReadEvent ev)
        {
            try
            {
                return await connection.EndWithAsync(ev).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException && !_cancellationToken.IsCancellationRequested)
            {
                return connection.End(Dropped());
            }
        }
    }
}
