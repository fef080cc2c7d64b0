using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Moonwire.Engine.Protocol;

namespace Moonwire.Engine.Net;

// The closing handshake (RFC 6455 §7), failing the connection (§7.1.7) and disposal.
public sealed partial class WebSocketConnection
{
    private int _receiveBuffersReleased;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Pong bytes that may wait in the outbound buffer before only the latest ping is answered.</summary>
    private const int MaxBufferedPongBytes = 4096;

    // Guarded by _bufferLock: pong bytes buffered since the last write took the buffer, and the latest
    // ping's payload once they passed the limit, owed a pong by the next write.
    private int _bufferedPongBytes;
    private byte[]? _deferredPong;
    private Task? _serverClosingTcp;

    /// <summary>
    /// Starts (or completes) the closing handshake: sends Close, waits up to the close timeout for the
    /// peer's Close, then closes TCP (RFC 6455 §7.1.2). The code must be one that may be sent and the
    /// reason at most 123 UTF-8 bytes (else <see cref="ArgumentException"/>, before anything is sent).
    /// </summary>
    public async Task CloseAsync(ushort code = CloseCode.Normal, string? reason = null, CancellationToken cancellationToken = default)
    {
        var reasonBytes = EncodeReason(reason);
        Framing.ClosePayload.Write(new byte[2 + reasonBytes.Length], code, reasonBytes);
        if (State == WebSocketState.Closed)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        timeout.CancelAfter(_options.CloseTimeout);
        try
        {
            await SendCloseAsync(code, reasonBytes, timeout.Token).ConfigureAwait(false);
            await WaitForPeerCloseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException && !cancellationToken.IsCancellationRequested)
        {
            // The peer never answered or the socket went away (reliability row X-5): close TCP regardless.
        }
        finally
        {
            // A client gives the server its turn to close TCP first (bounded by the close timeout).
            await (_serverClosingTcp ?? Task.CompletedTask).ConfigureAwait(false);
            CloseTransport();
            RecordClose(new WebSocketMessage { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "closing handshake timed out" });
            SetClosed();
        }
    }

    /// <summary>The reason as UTF-8 (row X-3): a lone surrogate cannot be encoded, and is refused rather than replaced.</summary>
    private static byte[] EncodeReason(string? reason)
    {
        try
        {
            return StrictUtf8.GetBytes(reason ?? "");
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("A close reason must be valid Unicode text; this one holds a lone surrogate.", nameof(reason), e);
        }
    }

    private async Task WaitForPeerCloseAsync(CancellationToken cancellationToken)
    {
        if (_close is not null)
        {
            return;
        }

        try
        {
            // Nobody else is reading: read (and discard) until the peer's Close.
            while ((await ReceiveAsync(cancellationToken).ConfigureAwait(false)).Kind != MessageKind.Close)
            {
            }
        }
        catch (InvalidOperationException)
        {
            // A receive loop is running; it will see the Close.
            await _closeReceived.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes TCP now, without a closing handshake.</summary>
    public void Abort()
    {
        RecordClose(new WebSocketMessage { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "aborted" });
        CloseTransport();
        SetClosed();
    }

    private ValueTask SendCloseAsync(ushort code, ReadOnlyMemory<byte> reason, CancellationToken cancellationToken) =>
        WriteOutboundAsync(static (c, s) =>
        {
            if (c.IsClosedForSending)
            {
                return false;
            }

            c._writer.WriteClose(c._outbound, s.Code, s.Reason.Span);
            c._closeSent = true;
            Interlocked.CompareExchange(ref c._state, (int)WebSocketState.Closing, (int)WebSocketState.Open);
            return true;
        }, (Code: code, Reason: reason), cancellationToken);

    /// <summary>The peer sent Close: echo its code unless we started the handshake (RFC 6455 §5.5.1).</summary>
    private async ValueTask<WebSocketMessage> OnPeerCloseAsync(ReadEvent ev)
    {
        var message = new WebSocketMessage
        {
            Kind = MessageKind.Close,
            CloseCode = ev.CloseCode,
            CloseReason = Encoding.UTF8.GetString(ev.CloseReason.Span),
        };
        message = RecordClose(message);
        await TrySendCloseAsync(ev.CloseCode, ReadOnlyMemory<byte>.Empty).ConfigureAwait(false);
        _closeReceived.TrySetResult();
        if (_role == Role.Server)
        {
            // The server closes TCP first (RFC 6455 §7.1.1).
            CloseTransport();
        }
        else
        {
            _serverClosingTcp = CloseTransportAfterPeerAsync();
        }

        SetClosed();
        return message;
    }

    /// <summary>Fails the connection (RFC 6455 §7.1.7): Close with the fault's code, then TCP closed.</summary>
    private async ValueTask<WebSocketMessage> FailAsync(WebSocketFault fault)
    {
        var code = WebSocketFaults.CloseCodeOf(fault);
        var reason = WebSocketFaults.Describe(fault);
        var message = RecordClose(new WebSocketMessage { Kind = MessageKind.Close, CloseCode = code, CloseReason = reason, Fault = fault });
        await TrySendCloseAsync(code, Encoding.UTF8.GetBytes(reason)).ConfigureAwait(false);
        return End(message);
    }

    private async ValueTask TrySendCloseAsync(ushort code, ReadOnlyMemory<byte> reason)
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout);
        try
        {
            await SendCloseAsync(code, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or WebSocketException)
        {
            // The socket is already gone; there is nobody left to tell.
        }
    }

    private static WebSocketMessage Dropped() =>
        new() { Kind = MessageKind.Close, CloseCode = CloseCode.Abnormal, CloseReason = "connection dropped without a closing handshake" };

    private WebSocketMessage End(WebSocketMessage message)
    {
        message = RecordClose(message);
        _closeReceived.TrySetResult();
        CloseTransport();
        SetClosed();
        return message;
    }

    /// <summary>A client lets the server close TCP first, waiting at most the close timeout (RFC 6455 §7.1.1).</summary>
    private async Task CloseTransportAfterPeerAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeout);
            while (await _stream.ReadAsync(scratch, timeout.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Timed out or already closed: either way the socket is closed below.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            CloseTransport();
        }
    }

    /// <summary>The first account of how the connection ended wins; later ones (a drop after a fault) are ignored.</summary>
    private WebSocketMessage RecordClose(WebSocketMessage message)
    {
        Interlocked.CompareExchange(ref _close, new StrongBox<WebSocketMessage>(message), null);
        return _close.Value;
    }

    private void CloseTransport()
    {
        _lifetime.Cancel();
        _stream.Dispose();
    }

    private void SetClosed()
    {
        if (Interlocked.Exchange(ref _state, (int)WebSocketState.Closed) != (int)WebSocketState.Closed)
        {
            lock (_bufferLock)
            {
                // Parked senders find the connection closed, and say why.
                _room.WakeAllLocked(taken: false);
            }

            Closed?.Invoke(this);
        }
    }

    /// <summary>
    /// Buffers the pong a ping is owed; the receive loop never writes (see StartFill). Past a few KiB of pongs
    /// waiting for the next write (a flood, perhaps against a stalled write to a peer that does not read),
    /// only the latest ping's payload is kept, for that write to carry: §5.5.3 lets a pong answer just the
    /// most recent ping, so a flood costs a bounded buffer, not one pong per ping (reliability row P-4).
    /// </summary>
    private void ReplyPong(ReadOnlyMemory<byte> payload)
    {
        lock (_bufferLock)
        {
            // After our Close only the peer's Close matters (RFC 6455 §5.5.1).
            if (IsClosedForSending)
            {
                return;
            }

            if (_bufferedPongBytes >= MaxBufferedPongBytes)
            {
                _deferredPong = payload.ToArray();
                EnsureFlushQueuedLocked();
                return;
            }

            var before = _outbound.Length;
            _writer.WriteControl(_outbound, Framing.Opcode.Pong, payload.Span);
            _bufferedPongBytes += _outbound.Length - before;
            if (!_corked)
            {
                EnsureFlushQueuedLocked();
            }
        }
    }

    /// <summary>Closes gracefully when still open (bounded by the close timeout), then frees everything.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (State == WebSocketState.Open)
        {
            try
            {
                await CloseAsync(CloseCode.GoingAway).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or WebSocketException or OperationCanceledException)
            {
                // Best effort: the transport is closed below anyway.
            }
        }

        Abort();
        // Once no write is under way; later senders find the connection closed and throw.
        await _socketLock.WaitAsync().ConfigureAwait(false);
        lock (_bufferLock)
        {
            _writer.Dispose();
            _outbound.Dispose();
            _inFlight.Dispose();
        }

        _gathered?.Dispose();
        _socketLock.Release();
        if (Volatile.Read(ref _receiving) == 0)
        {
            ReleaseBuffers();
        }
    }

    private void ReleaseBuffers()
    {
        if (Interlocked.Exchange(ref _receiveBuffersReleased, 1) == 0)
        {
            _reader.Dispose();
            _receive.Dispose();
        }
    }
}
