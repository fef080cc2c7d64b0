using System.Text;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// One <c>net.ws_server:listen</c>: accepts on 127.0.0.1, one <see cref="WsPeer"/> per client, every
/// event posted to the host thread. Client ids count from 1 per server and are never reused.
/// </summary>
internal sealed class WsServer : IWsServer, IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly HooziSession _session;
    private readonly WsCallbacks _callbacks;
    private readonly Dictionary<long, WsPeer> _clients = [];
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _ownership;
    private long _lastClient;
    private bool _open = true;

    public WsServer(long id, WebSocketServer server, HooziSession session, WsCallbacks callbacks)
    {
        (Id, _server, _session, _callbacks) = (id, server, session, callbacks);
    }

    public long Id { get; }

    public void Start()
    {
        _ownership = _session.Host.Own(this);
        Track(Task.Run(AcceptAsync));
    }

    public int Send(LuaState L, long client, ReadOnlySpan<byte> msg, bool binary)
    {
        L.PushBoolean(_clients.TryGetValue(client, out var peer) && peer.TrySend(msg.ToArray(), binary));
        return 1;
    }

    public int Broadcast(LuaState L, ReadOnlySpan<byte> msg, bool binary)
    {
        var message = msg.ToArray();
        foreach (var peer in _clients.Values)
        {
            peer.TrySend(message, binary);
        }

        return 0;
    }

    public int Disconnect(LuaState L, long client, long code, ReadOnlySpan<byte> reason)
    {
        if (code is < 0 or > ushort.MaxValue || !CloseCode.IsValidOnWire((int)code))
        {
            throw new LuaException($"bad argument #2 to 'disconnect' (invalid close code {code})");
        }

        if (reason.Length > ClosePayload.MaxReasonBytes)
        {
            throw new LuaException($"bad argument #3 to 'disconnect' (reason is {reason.Length} bytes, at most {ClosePayload.MaxReasonBytes} allowed)");
        }

        if (_clients.TryGetValue(client, out var peer))
        {
            peer.Close((ushort)code, Encoding.UTF8.GetString(reason));
        }

        return 0;
    }

    /// <summary>
    /// <c>srv:close()</c>: stops listening, closes every client with 1001 and waits (bounded) for the
    /// server's tasks, so the port is free when it returns. on_close for each client follows.
    /// </summary>
    public int Close(LuaState L)
    {
        if (_open)
        {
            _open = false;
            StopAsync().Wait(WsLimits.CloseGrace * 2);
            _ownership?.Dispose();
            _session.Post(_callbacks.Release);
        }

        return 0;
    }

    public int IsOpen(LuaState L)
    {
        L.PushBoolean(_open);
        return 1;
    }

    public int ClientCount(LuaState L)
    {
        L.PushInteger(_open ? _clients.Count(c => c.Value.IsOpen) : 0);
        return 1;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        // The engine's server closes every live connection with 1001 and stops listening.
        await _server.DisposeAsync().ConfigureAwait(false);
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(WsLimits.CloseGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            WebSocketConnection connection;
            try
            {
                connection = await _server.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var peer = new WsPeer(Interlocked.Increment(ref _lastClient), connection, _session, _callbacks);
            _session.Post(() =>
            {
                _clients.Add(peer.Id, peer);
                _callbacks.OnOpen(peer.Id);
            });
            Track(peer.RunAsync((code, reason) =>
            {
                _clients.Remove(peer.Id);
                _callbacks.OnClose(peer.Id, code, reason);
            }, _stop.Token));
        }
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }
}
