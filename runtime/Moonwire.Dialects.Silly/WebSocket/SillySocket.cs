using System.Buffers.Binary;
using KeraLua;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly.WebSocket;

/// <summary>
/// A silly WebSocket (<c>sock</c>): one engine connection, owned by the host so that stopping the
/// script closes it. <c>read</c> and <c>write</c> suspend the calling coroutine; failures are
/// returned as silly returns them (<c>nil, err, partial</c> and <c>false, err</c>), never raised.
/// </summary>
internal sealed class SillySocket : ISocket, IAsyncDisposable
{
    private const int ControlPayloadLimit = 125;

    private readonly LuaHost _host;
    private readonly WebSocketConnection _connection;
    private readonly string _remote;
    private readonly bool _tls;
    private readonly string? _streamKey;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _ownership;
    private bool _closeReported;
    private int _closed;

    /// <param name="streamKey">The registry key of the HTTP stream this socket was upgraded from, if any.</param>
    /// <param name="host">The host whose script owns the socket.</param>
    /// <param name="connection">The open connection.</param>
    /// <param name="remote">The peer's address, as the script sees it.</param>
    /// <param name="tls">Whether the connection runs over TLS.</param>
    public SillySocket(LuaHost host, WebSocketConnection connection, string remote, bool tls, string? streamKey)
    {
        _host = host;
        _connection = connection;
        _remote = remote;
        _tls = tls;
        _streamKey = streamKey;
        _ownership = host.Own(this);
    }

    /// <summary>Completes once the socket is closed and its connection released.</summary>
    public Task Finished => _finished.Task;

    public int PushConn(LuaState L)
    {
        L.NewTable(0, 2);
        L.PushString(_remote);
        L.SetField(-2, "remoteaddr");
        L.PushBoolean(_tls);
        L.SetField(-2, "tls");
        return 1;
    }

    public int PushStream(LuaState L)
    {
        if (_streamKey is null)
        {
            L.PushNil();
        }
        else
        {
            L.GetField((int)LuaRegistry.Index, _streamKey);
        }

        return 1;
    }

    public unsafe int Read(LuaState L)
    {
        if (Volatile.Read(ref _closed) != 0 || _closeReported)
        {
            return PushReadFailure(L, "socket closed");
        }

        return _host.Suspend(L, ReceiveAsync(), &PushRead);
    }

    public unsafe int Write(LuaState L, ReadOnlySpan<byte> data, WriteType type)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return PushWriteFailure(L, "socket closed");
        }

        if (type is WriteType.Ping or WriteType.Pong or WriteType.Close && data.Length > ControlPayloadLimit)
        {
            return PushWriteFailure(L, $"control frame payload is {data.Length} bytes; at most {ControlPayloadLimit} are allowed");
        }

        return _host.Suspend(L, SendAsync(data.ToArray(), type), &PushWrite);
    }

    public int Close(LuaState L)
    {
        _ = DisposeAsync().AsTask();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_connection.State == WebSocketState.Open)
            {
                await _connection.CloseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone already; there is nothing left to close politely.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _ownership.Dispose();
            if (_streamKey is { } key)
            {
                _host.Post(() => ForgetStream(_host.State, key));
            }

            _finished.TrySetResult();
        }
    }

    /// <summary>Drops the registry entry that kept an upgraded stream for <c>sock.stream</c>.</summary>
    public static void ForgetStream(LuaState L, string key)
    {
        L.PushNil();
        L.SetField((int)LuaRegistry.Index, key);
    }

    private async ValueTask<ReadResult> ReceiveAsync()
    {
        WebSocketMessage message;
        try
        {
            message = await _connection.ReceiveAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            return ReadResult.Failed(e.Message);
        }

        switch (message.Kind)
        {
            case MessageKind.Text: return new ReadResult(message.Payload.ToArray(), "text", null);
            case MessageKind.Binary: return new ReadResult(message.Payload.ToArray(), "binary", null);
            case MessageKind.Ping: return new ReadResult(message.Payload.ToArray(), "ping", null);
            case MessageKind.Pong: return new ReadResult(message.Payload.ToArray(), "pong", null);
        }

        // A Close from the peer is shown once, with its payload; a dropped or failed connection is an error.
        if (_closeReported || message.CloseCode == 1006 || message.Fault != WebSocketFault.None)
        {
            return ReadResult.Failed(_closeReported ? "socket closed" : $"connection closed ({message.CloseCode}{Describe(message.CloseReason)})");
        }

        _closeReported = true;
        return new ReadResult(ClosePayload(message), "close", null);
    }

    private static string Describe(string reason) => reason.Length == 0 ? "" : ": " + reason;

    // The frame's own payload: the status code (none for 1005) followed by the reason.
    private static byte[] ClosePayload(WebSocketMessage message)
    {
        if (message.CloseCode == 1005)
        {
            return [];
        }

        var reason = System.Text.Encoding.UTF8.GetBytes(message.CloseReason);
        var payload = new byte[2 + reason.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, message.CloseCode);
        reason.CopyTo(payload, 2);
        return payload;
    }

    private async ValueTask<string?> SendAsync(byte[] data, WriteType type)
    {
        try
        {
            switch (type)
            {
                case WriteType.Text: await _connection.SendAsync(data, isText: true).ConfigureAwait(false); break;
                case WriteType.Binary: await _connection.SendAsync(data, isText: false).ConfigureAwait(false); break;
                case WriteType.Ping: await _connection.PingAsync(data).ConfigureAwait(false); break;
                case WriteType.Pong: await _connection.PongAsync(data).ConfigureAwait(false); break;
                case WriteType.Close: await _connection.CloseAsync(1000, System.Text.Encoding.UTF8.GetString(data)).ConfigureAwait(false); break;
            }

            return null;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException or ArgumentException)
        {
            return e.Message;
        }
    }

    private static int PushRead(LuaState L, ReadResult result)
    {
        if (result.Error is { } error)
        {
            return PushReadError(L, error);
        }

        L.PushUtf8(result.Data);
        L.PushString(result.Type);
        return 2;
    }

    private static int PushReadFailure(LuaState L, string error)
    {
        L.PushInteger(BoundStatus.Ok);
        return 1 + PushReadError(L, error);
    }

    // Silly's "nil, error, partial data": a message is only ever handed out whole, so nothing is partial.
    private static int PushReadError(LuaState L, string error)
    {
        L.PushNil();
        L.PushString(error);
        L.PushString("");
        return 3;
    }

    private static int PushWrite(LuaState L, string? error)
    {
        if (error is not null)
        {
            return PushWriteError(L, error);
        }

        L.PushBoolean(true);
        return 1;
    }

    private static int PushWriteFailure(LuaState L, string error)
    {
        L.PushInteger(BoundStatus.Ok);
        return 1 + PushWriteError(L, error);
    }

    private static int PushWriteError(LuaState L, string error)
    {
        L.PushBoolean(false);
        L.PushString(error);
        return 2;
    }

    private readonly record struct ReadResult(byte[] Data, string Type, string? Error)
    {
        public static ReadResult Failed(string error) => new([], "", error);
    }
}
