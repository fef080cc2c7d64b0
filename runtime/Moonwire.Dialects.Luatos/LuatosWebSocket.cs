using System.Text;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary>
/// One LuatOS-Air websocket object: its URL, certificates, callbacks and at most one live connection.
/// Lua calls arrive on the host thread; connection outcomes land on pool threads, hence the lock.
/// </summary>
internal sealed partial class LuatosWebSocket(LuaHost host, string url, CertificateFiles certificates) : IWebSocket
{
    /// <summary>What <c>recv</c> reports when the connection is gone (the real library's wording).</summary>
    public const string ReadError = "Read byte error!";

    private readonly Lock _gate = new();
    private readonly EventCallbacks _callbacks = new(host);
    private WebSocketConnection? _connection;
    private IDisposable? _ownership;
    private WsState _state = WsState.Connecting;
    private Task _sending = Task.CompletedTask;

    public int On(LuaState L, WsEvent @event, int callback)
    {
        _callbacks.Set(L, 1, @event, callback);
        return 0;
    }

    public unsafe int Connect(LuaState L, double? timeout) =>
        host.Suspend(L, ConnectAsync(timeout is { } ms ? TimeSpan.FromMilliseconds(Math.Max(ms, 0)) : null, CancellationToken.None), &PushBoolean);

    public unsafe int Recv(LuaState L) => host.Suspend(L, ReceiveAsync(CancellationToken.None), &PushReceived);

    public int SendFrame(LuaState L, bool fin, long opcode, ReadOnlySpan<byte> data)
    {
        var code = (Opcode)opcode;
        if (!OpcodeKind.IsDefined(code))
        {
            throw new LuaException($"bad argument #2 to 'sendFrame' (opcode 0x{opcode:X} is reserved by RFC 6455)");
        }

        var connection = Live();
        if (connection is null)
        {
            return 0; // the real library drops frames while disconnected, silently
        }

        var payload = data.ToArray();
        lock (_gate)
        {
            _sending = SendAfterAsync(_sending, connection, code, payload, fin);
        }

        return 0;
    }

    public int Close(LuaState L, long? code, string? reason)
    {
        CloseConnection(code, reason);
        return 0;
    }

    public int State(LuaState L)
    {
        WsState state;
        lock (_gate)
        {
            state = _state;
        }

        L.PushString(state switch
        {
            WsState.Open => "OPEN",
            WsState.Closing => "CLOSING",
            WsState.Closed => "CLOSED",
            _ => "CONNECTING",
        });
        return 1;
    }

    public int Online(LuaState L)
    {
        L.PushBoolean(Live() is not null);
        return 1;
    }

    private WebSocketConnection? Live()
    {
        lock (_gate)
        {
            return _connection is { State: WebSocketState.Open } connection ? connection : null;
        }
    }

    private async ValueTask<bool> ConnectAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        WebSocketConnection connection;
        try
        {
            var options = new WebSocketClientOptions();
            if (url.StartsWith("wss:", StringComparison.OrdinalIgnoreCase))
            {
                options = options with { Tls = certificates.ToTlsOptions(host.Options.Root) };
            }

            if (timeout is { } limit)
            {
                options = options with { HandshakeTimeout = limit };
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.HandshakeTimeout);
            connection = await WebSocketClient.ConnectAsync(new Uri(url), options, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The real library only logs why a connect failed; the script sees false.
            Log(HostLogLevel.Error, $"websocket: cannot connect to {url}: {e.Message}");
            return false;
        }

        bool published;
        lock (_gate)
        {
            // websocket.exit cancels, then closes whatever connection it finds here: one that connected just
            // after it looked is closed instead of published, which start would have served forever.
            published = !cancellationToken.IsCancellationRequested;
            if (published)
            {
                _connection = connection;
                _ownership = host.Own(connection);
                _state = WsState.Open;
            }
        }

        if (!published)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await _callbacks.FireAsync(WsEvent.Open).ConfigureAwait(false);
        return true;
    }

    private async ValueTask<Received> ReceiveAsync(CancellationToken cancellationToken)
    {
        WebSocketConnection? connection;
        lock (_gate)
        {
            connection = _connection;
        }

        while (connection is not null)
        {
            WebSocketMessage message;
            try
            {
                message = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await ReleaseAsync(connection).ConfigureAwait(false);
                break;
            }

            switch (message.Kind)
            {
                case MessageKind.Text or MessageKind.Binary:
                    var data = message.Payload.ToArray();
                    await _callbacks.FireAsync(WsEvent.Message, data).ConfigureAwait(false);
                    return new Received(true, data, message.Kind == MessageKind.Text ? 1 : 2);
                case MessageKind.Pong:
                    await _callbacks.FireAsync(WsEvent.Pong, message.Payload.ToArray()).ConfigureAwait(false);
                    break;
                case MessageKind.Close:
                    await ReleaseAsync(connection).ConfigureAwait(false);
                    return Closed(message);
            }
        }

        return new Received(false, Encoding.UTF8.GetBytes(ReadError));
    }

    // The link is over: the connection no longer keeps the host busy; state stays as it was until ws:close.
    private async Task ReleaseAsync(WebSocketConnection connection)
    {
        IDisposable? ownership;
        lock (_gate)
        {
            if (_connection != connection)
            {
                return;
            }

            ownership = _ownership;
            _connection = null;
            _ownership = null;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        ownership?.Dispose();
    }

    // The peer's Close gives its reason (nil when it sent none); a dropped link or a protocol fault the
    // real library's read error, with the engine's reason for a fault in the log.
    private static Received Closed(WebSocketMessage message)
    {
        if (message.Fault == Engine.Protocol.WebSocketFault.None && message.CloseCode != 1006)
        {
            return new Received(false, message.CloseReason.Length == 0 ? null : Encoding.UTF8.GetBytes(message.CloseReason));
        }

        return new Received(false, Encoding.UTF8.GetBytes(ReadError));
    }

    /// <summary>
    /// <c>ws:close</c>: sends Close unless the link is already gone (the engine has answered a peer's Close),
    /// then fires "close" with the script's own code, or 1001, as the real library does.
    /// </summary>
    private void CloseConnection(long? code, string? reason)
    {
        WebSocketConnection? connection;
        IDisposable? ownership;
        lock (_gate)
        {
            _state = WsState.Closing;
            connection = _connection;
            ownership = _ownership;
            _connection = null;
            _ownership = null;
        }

        if (connection is not null)
        {
            _ = CloseAndReleaseAsync(connection, ownership!, (ushort)(code ?? 1000), reason);
        }

        lock (_gate)
        {
            _state = WsState.Closed;
        }

        _callbacks.Fire(WsEvent.Close, code ?? 1001);
    }

    private async Task CloseAndReleaseAsync(WebSocketConnection connection, IDisposable ownership, ushort code, string? reason)
    {
        try
        {
            await connection.CloseAsync(code, reason).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            Log(HostLogLevel.Error, $"websocket: close: {e.Message}");
            connection.Abort();
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            ownership.Dispose();
        }
    }

    private async Task SendAfterAsync(Task previous, WebSocketConnection connection, Opcode opcode, byte[] payload, bool fin)
    {
        await previous.ConfigureAwait(false);
        try
        {
            if (opcode == Opcode.Close)
            {
                var code = payload.Length >= 2 ? (ushort)((payload[0] << 8) | payload[1]) : (ushort)1000;
                await connection.CloseAsync(code, Encoding.UTF8.GetString(payload.AsSpan(Math.Min(2, payload.Length)))).ConfigureAwait(false);
            }
            else
            {
                await connection.SendFrameAsync(opcode, payload, fin).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Log(HostLogLevel.Warn, $"websocket: sendFrame: {e.Message}");
        }
    }

    private void Log(HostLogLevel level, string message)
    {
        if (host.Options.Log.IsEnabled(level))
        {
            host.Options.Log.Write(level, message);
        }
    }

    private static int PushBoolean(LuaState L, bool value)
    {
        L.PushBoolean(value);
        return 1;
    }

    private static int PushReceived(LuaState L, Received received)
    {
        L.PushBoolean(received.Ok);
        if (received.Data is null)
        {
            L.PushNil();
        }
        else
        {
            L.PushUtf8(received.Data);
        }

        // A third value, the message's opcode (1 text, 2 binary), lets an echo keep the frame type;
        // the platform returns only the first two.
        if (received.Ok)
        {
            L.PushInteger(received.Opcode);
            return 3;
        }

        return 2;
    }

    /// <summary>What <c>recv</c> returns: a message and its opcode, or false and why (nil for a Close without a reason).</summary>
    private readonly record struct Received(bool Ok, byte[]? Data, int Opcode = 0);
}
