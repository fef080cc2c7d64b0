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
    private TaskCompletionSource<Received?>? _receiver;
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

    /// <summary><c>conn:send_binary(data)</c>, a Moonwire extension (see BinaryExtension).</summary>
    public int SendBinary(LuaState L, ReadOnlySpan<byte> message) => PushOutcome(L, _outbound.Send(message.ToArray(), isText: false));

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
            return _host.Suspend(L, ValueTask.FromResult<Received?>(null), &PushMessage);
        }

        if (_receiver is not null)
        {
            throw new LuaException("receive_message: another coroutine is already waiting for this connection's next message");
        }

        // Continuations run inline, so the waiter's resumption is queued before any later message is routed.
        _receiver = new TaskCompletionSource<Received?>();
        return _host.Suspend(L, new ValueTask<Received?>(_receiver.Task), &PushMessage);
    }

    // A binary message comes with a second result, true: a Moonwire extension that lets an echo (the
    // conformance testee) answer in kind. Text, all the original describes, keeps its single result,
    // so calls like tonumber(conn:receive_message()) work as they did.
    private static int PushMessage(LuaState L, Received? message)
    {
        if (message is null)
        {
            L.PushNil();
            return 1;
        }

        L.PushUtf8(message.Payload);
        if (message.IsText)
        {
            return 1;
        }

        L.PushBoolean(true);
        return 2;
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
                    await DeliverAsync(new Received(message.Payload.ToArray(), message.Kind is MessageKind.Text)).ConfigureAwait(false);
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

    // Reads no further until the coroutine the message went to has run to its next wait, so that what it
    // sends in reply goes out before anything read later is answered (a Close right behind the message).
    private async Task DeliverAsync(Received message)
    {
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Post(() =>
        {
            Deliver(message);
            _host.Post(() => handled.SetResult());
        });
        await Task.WhenAny(handled.Task, _host.Completion).ConfigureAwait(false);
    }

    private void Deliver(Received? message)
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
            _host.Spawn(L, PushMessage(L, message));
            L.Pop(1);
        }

        if (_ended && _handler != 0)
        {
            L.ReleaseReference(_handler);
            _handler = 0;
        }
    }

    /// <summary>A message as it reached the script.</summary>
    private sealed record Received(byte[] Payload, bool IsText);
}
