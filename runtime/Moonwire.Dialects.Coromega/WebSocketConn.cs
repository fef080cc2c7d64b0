using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// A <c>WebSocketConn</c>: each message goes to exactly one place, in order — the coroutine waiting in
/// <c>receive_message</c> if there is one, else a new coroutine running the <c>when_new_msg</c> handler,
/// else nowhere (the original drops it). The end of the connection is delivered the same way, as nil.
/// </summary>
internal sealed class WebSocketConn : IWebSocketConn
{
    private readonly LuaHost _host;
    private readonly WebSocketConnection _connection;
    private readonly IDisposable _ownership;
    private readonly OutboundQueue _outbound;
    private TaskCompletionSource<byte[]?>? _receiver;
    private int _handler;
    private bool _ended;

    public WebSocketConn(LuaHost host, WebSocketConnection connection)
    {
        _host = host;
        _connection = connection;
        _ownership = host.Own(connection);
        _outbound = new OutboundQueue(connection);
    }

    /// <summary>Starts the receive loop. Host thread, once the script holds the connection, so nothing arrives before it can listen.</summary>
    public void StartReceiving() => _ = ReceiveLoopAsync();

    public int SendMessage(LuaState L, ReadOnlySpan<byte> message) => PushOutcome(L, _outbound.Send(message.ToArray()));

    public int Send(LuaState L, int message) => PushOutcome(L, _outbound.Send(LuaJson.Encode(L, message, "send")));

    public int WhenNewMsg(LuaState L, int func)
    {
        if (_handler != 0)
        {
            L.ReleaseReference(_handler);
        }

        _handler = L.Reference(func);
        return 0;
    }

    public unsafe int ReceiveMessage(LuaState L)
    {
        if (_ended)
        {
            return _host.Suspend(L, ValueTask.FromResult<byte[]?>(null), &PushMessage);
        }

        if (_receiver is not null)
        {
            throw new LuaException("receive_message: another coroutine is already waiting for this connection's next message");
        }

        // Continuations run inline, so the waiter's resumption is queued before any later message is routed.
        _receiver = new TaskCompletionSource<byte[]?>();
        return _host.Suspend(L, new ValueTask<byte[]?>(_receiver.Task), &PushMessage);
    }

    private static int PushMessage(LuaState L, byte[]? message)
    {
        if (message is null)
        {
            L.PushNil();
        }
        else
        {
            L.PushUtf8(message);
        }

        return 1;
    }

    private static int PushOutcome(LuaState L, string? error)
    {
        if (error is null)
        {
            L.PushNil();
        }
        else
        {
            L.PushString(error);
        }

        return 1;
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var message = await _connection.ReceiveAsync().ConfigureAwait(false);
                if (message.Kind is MessageKind.Close)
                {
                    break;
                }

                if (message.Kind is MessageKind.Text or MessageKind.Binary)
                {
                    var payload = message.Payload.ToArray();
                    _host.Post(() => Deliver(payload));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone either way; the script learns it from the nil below.
        }

        _host.Post(() => Deliver(null));
        _ownership.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Deliver(byte[]? message)
    {
        _ended = message is null;
        var L = _host.State;
        if (_receiver is { } receiver)
        {
            _receiver = null;
            receiver.SetResult(message);
        }
        else if (_handler != 0)
        {
            L.PushReference(_handler);
            PushMessage(L, message);
            _host.Spawn(L, 1);
            L.Pop(1);
        }

        if (_ended && _handler != 0)
        {
            L.ReleaseReference(_handler);
            _handler = 0;
        }
    }
}
