using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

/// <summary>
/// An open WebSocket over a stream (TCP or TLS): the I/O shell around <see cref="MessageReader"/> and
/// <see cref="MessageWriter"/>. One receive at a time; sends may come from any thread and are serialised.
/// Replies the protocol owes (pong, close echo, failing close) are buffered from the receive path.
/// <para>
/// Sends are coalesced: a message completes once it is in the outbound buffer, and one flush loop queued
/// to the thread pool writes whatever gathered by then, while later sends fill a second buffer. A sender
/// whose message would take the buffer past <see cref="WebSocketOptions.MaxBufferedSendBytes"/>, or took it
/// there, waits until a write takes the buffer. A write that fails after its send completed ends the
/// connection; the next send or receive reports why.
/// </para>
/// <para>
/// Sends are corked while the receive buffer still holds unread frames: a burst of requests answered in a
/// loop leaves in one write. The cork comes off before the connection waits for input and when the buffer
/// passes 64 KiB, so a caller that keeps receiving never sees data held back.
/// </para>
/// </summary>
public sealed partial class WebSocketConnection : IAsyncDisposable
{
    private const int CorkLimitBytes = 64 * 1024;

    /// <summary>From this size a server sends a payload from the caller's memory rather than copying it.</summary>
    private const int GatherBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly Role _role;
    private readonly WebSocketOptions _options;
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private readonly ByteBuffer _receive;
    private readonly CancellationTokenSource _lifetime = new();

    // Senders append under the buffer lock, never held across I/O; the socket lock orders writes to the
    // stream, and its holder owns _inFlight (see WebSocketConnection.Coalescing.cs).
    private readonly Lock _bufferLock = new();
    private readonly SemaphoreSlim _socketLock = new(1, 1);
    private readonly OutboundRoom _room;
    private ByteBuffer _outbound = new();
    private ByteBuffer _inFlight = new();
    private GatheredSend? _gathered;
    private readonly TaskCompletionSource _closeReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _pendingConsume;
    private bool _corked;
    private bool _closeSent;
    private int _state = (int)WebSocketState.Open;
    private int _receiving;
    private int _disposed;
    private StrongBox<WebSocketMessage>? _close;

    internal WebSocketConnection(Stream stream, Role role, WebSocketOptions options, DeflateParameters? deflate,
        PerMessageDeflateOptions? deflateOptions, ReadOnlySpan<byte> leftover, HandshakeInfo handshake)
    {
        _stream = stream;
        _role = role;
        _options = options;
        _reader = new MessageReader(role, options.MaxMessageBytes, options.MaxFragments, deflate);
        _writer = new MessageWriter(role, deflate, deflateOptions, options.FragmentBytes);
        _receive = new ByteBuffer(Math.Max(options.ReceiveBufferBytes, leftover.Length));
        leftover.CopyTo(_receive.GetSpan(leftover.Length));
        _receive.Advance(leftover.Length);
        Handshake = handshake;
        _room = new OutboundRoom(this, _bufferLock);
        IsCompressed = deflate.HasValue;
        if (options.KeepAliveInterval is { } interval)
        {
            _keepAlivePayload = RandomNumberGenerator.GetBytes(4);
            _ = KeepAliveAsync(interval, _keepAlivePayload);
        }
    }

    /// <summary>
    /// Runs the protocol over a stream whose opening handshake is already done (an upgraded HTTP
    /// connection, a test pipe). <paramref name="deflate"/> is what the handshake agreed, if anything.
    /// </summary>
    public static WebSocketConnection FromStream(Stream stream, Role role, WebSocketOptions? options = null,
        DeflateParameters? deflate = null, PerMessageDeflateOptions? deflateOptions = null, HandshakeInfo? handshake = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new WebSocketConnection(stream, role, options ?? new WebSocketOptions(), deflate, deflateOptions, [],
            handshake ?? new HandshakeInfo("/", new HttpHeaderCollection(), null, null, null));
    }

    /// <summary>What the opening handshake agreed and carried.</summary>
    public HandshakeInfo Handshake { get; }

    /// <summary>The subprotocol the handshake agreed, or null.</summary>
    public string? SubProtocol => Handshake.SubProtocol;

    /// <summary>Whether permessage-deflate was agreed.</summary>
    public bool IsCompressed { get; }

    /// <summary>Where the connection is in its lifecycle; changes on any thread.</summary>
    public WebSocketState State => (WebSocketState)Volatile.Read(ref _state);

    /// <summary>The Close that ended the connection, once there was one.</summary>
    public WebSocketMessage? CloseMessage => _close?.Value;

    /// <summary>Raised once, when the connection reaches <see cref="WebSocketState.Closed"/>.</summary>
    internal event Action<WebSocketConnection>? Closed;

    /// <summary>Sends one Text or Binary message. Completes once it is buffered or written (see the class remarks).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, bool isText, CancellationToken cancellationToken = default) =>
        SendAsync(payload, isText, allowCompression: true, cancellationToken);

    /// <summary>Sends one message; <paramref name="allowCompression"/> false keeps secrets out of a shared deflate context (RFC 7692 §10 and CRIME/BREACH).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, bool isText, bool allowCompression, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var opcode = isText ? Opcode.Text : Opcode.Binary;
        return payload.Length >= GatherBytes && _role == Role.Server && !cancellationToken.CanBeCanceled && _stream is NetworkStream network
            && MemoryMarshal.TryGetArray(payload, out var array) && _socketLock.Wait(0)
            ? SendGathered(network.Socket, opcode, array, allowCompression)
            : SendBuffered(payload, opcode, allowCompression, cancellationToken);
    }

    /// <summary>Frames the message into the outbound buffer (see the class remarks for when it waits).</summary>
    private ValueTask SendBuffered(ReadOnlyMemory<byte> payload, Opcode opcode, bool allowCompression, CancellationToken cancellationToken)
    {
        OutboundRoom.ParkedSend parked;
        lock (_bufferLock)
        {
            switch (TryBufferLocked(payload.Span, opcode, allowCompression))
            {
                case Buffering.Done:
                    return ValueTask.CompletedTask;
                case Buffering.Closed:
                    return ValueTask.FromException(ClosedError());
                case Buffering.NoRoom:
                    // Backpressure: wait until a write takes the buffer, so it never outgrows the limit or one message.
                    parked = _room.ParkLocked(payload, opcode, allowCompression);
                    break;
                default:
                    // The message is buffered, and filled the buffer: its sender waits until a write takes it.
                    parked = _room.ParkBufferedLocked();
                    cancellationToken = CancellationToken.None;
                    break;
            }
        }

        // Outside the lock, which is never held across I/O.
        return parked.WaitAsync(cancellationToken);
    }

    /// <summary>From the thread pool, once a write took the buffer (or the connection ended): a parked send tries again, or completes.</summary>
    internal void RetryParkedSend(OutboundRoom.ParkedSend parked)
    {
        Buffering outcome;
        try
        {
            lock (_bufferLock)
            {
                if (parked.IsBuffered)
                {
                    // A write took its message (even one that goes out just before our Close), unless the connection ended first.
                    outcome = parked.WokenByTake ? Buffering.Done : Buffering.Closed;
                }
                else
                {
                    outcome = TryBufferLocked(parked.Payload.Span, parked.Opcode, parked.AllowCompression);
                }

                if (outcome is Buffering.NoRoom or Buffering.ReachedLimit)
                {
                    _room.ParkAgainLocked(parked, buffered: outcome == Buffering.ReachedLimit);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // This runs on the thread pool, where anything thrown would end the process: the sender gets it.
            parked.Fail(e);
            return;
        }

        // Outside the lock: completing runs the sender's continuation.
        if (outcome == Buffering.Done)
        {
            parked.Succeed();
        }
        else
        {
            parked.Fail(ClosedError());
        }
    }

    private enum Buffering
    {
        Done,
        ReachedLimit,
        NoRoom,
        Closed,
    }

    /// <summary>With the buffer lock held: frames the message into the outbound buffer if it has room, and makes sure a flush follows.</summary>
    private Buffering TryBufferLocked(ReadOnlySpan<byte> payload, Opcode opcode, bool allowCompression)
    {
        if (IsClosedForSending)
        {
            return Buffering.Closed;
        }

        if (_outbound.Length > 0 && _outbound.Length + payload.Length > _options.MaxBufferedSendBytes)
        {
            EnsureFlushQueuedLocked();
            return Buffering.NoRoom;
        }

        _writer.WriteMessage(_outbound, opcode, payload, allowCompression);
        // Full is typically one message that large alone.
        var full = _outbound.Length >= _options.MaxBufferedSendBytes;
        if (full || !_corked || _outbound.Length >= CorkLimitBytes)
        {
            EnsureFlushQueuedLocked();
        }

        return full ? Buffering.ReachedLimit : Buffering.Done;
    }

    /// <summary>Sends <paramref name="text"/> as one UTF-8 text message.</summary>
    public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(text), isText: true, cancellationToken);

    /// <summary>Sends one raw frame (data, continuation, ping or pong), uncompressed; the wire stays valid.</summary>
    public ValueTask SendFrameAsync(Opcode opcode, ReadOnlyMemory<byte> payload, bool fin, CancellationToken cancellationToken = default) =>
        WriteOutboundAsync(static (c, s) =>
        {
            c.ThrowIfCloseSent();
            c._writer.WriteFrame(c._outbound, s.Fin, s.Opcode, s.Payload.Span);
            return true;
        }, (Opcode: opcode, Fin: fin, Payload: payload), cancellationToken);

    /// <summary>Sends a ping (at most 125 bytes of payload); the pong arrives as a received message.</summary>
    public ValueTask PingAsync(ReadOnlyMemory<byte> payload = default, CancellationToken cancellationToken = default) =>
        SendFrameAsync(Opcode.Ping, payload, fin: true, cancellationToken);

    /// <summary>Sends an unsolicited pong, e.g. as a one-way heartbeat.</summary>
    public ValueTask PongAsync(ReadOnlyMemory<byte> payload = default, CancellationToken cancellationToken = default) =>
        SendFrameAsync(Opcode.Pong, payload, fin: true, cancellationToken);

    /// <summary>Writes everything buffered to the network.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) =>
        WriteOutboundAsync(static (_, _) => true, 0, cancellationToken);

    /// <summary>
    /// Takes the socket lock; under the buffer lock lets <paramref name="append"/> add to the outbound buffer
    /// (false: nothing to send after all), then writes everything buffered and waits until the network took it.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteOutboundAsync<TState>(Func<WebSocketConnection, TState, bool> append, TState state, CancellationToken cancellationToken)
    {
        await _socketLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_bufferLock)
            {
                if (!append(this, state))
                {
                    return;
                }

                TakeOutboundLocked();
            }

            if (_inFlight.Length > 0)
            {
                await WriteWithinSendTimeoutAsync(_inFlight.ReadableMemory, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _inFlight.Clear();
            _inFlight.TrimIfEmpty(1 << 20);
            _socketLock.Release();
        }
    }

    /// <summary>With the buffer lock held.</summary>
    private void ThrowIfCloseSent()
    {
        if (IsClosedForSending)
        {
            throw ClosedError();
        }
    }

    /// <summary>With the buffer lock held.</summary>
    private bool IsClosedForSending => _closeSent || State == WebSocketState.Closed;

    /// <summary>A send that only buffered completed; when the connection failed later, this is where the caller learns why.</summary>
    private WebSocketException ClosedError() => new(_close?.Value.CloseReason is { Length: > 0 } reason
        ? $"The WebSocket connection is closed: {reason}."
        : "The WebSocket connection is closed.");

    /// <summary>
    /// With the socket lock held (its turn ends here): what is buffered, a header, then the payload straight
    /// from the caller's array — one sendmsg, no copy. A message that cannot go out so (compressed, fragmented) is buffered.
    /// </summary>
    private ValueTask SendGathered(Socket socket, Opcode opcode, ArraySegment<byte> payload, bool allowCompression)
    {
        bool closed, gathered = false;
        lock (_bufferLock)
        {
            closed = IsClosedForSending;
            if (!closed)
            {
                gathered = _writer.TryWriteHeaderOnly(_outbound, opcode, payload.Count, allowCompression);
                if (gathered)
                {
                    TakeOutboundLocked();
                }
            }
        }

        if (!gathered)
        {
            EndTurn();
            return closed ? ValueTask.FromException(ClosedError()) : SendBuffered(payload, opcode, allowCompression, CancellationToken.None);
        }

        ValueTask write;
        try
        {
            write = (_gathered ??= new GatheredSend()).SendAsync(socket, _inFlight.ReadableSegment, payload);
        }
        catch (Exception e)
        {
            // A disposed socket throws at once rather than failing the send it returns.
            EndTurn();
            return ValueTask.FromException(e);
        }

        return WithinSendTimeout(write, endsTurn: true);
    }
}
