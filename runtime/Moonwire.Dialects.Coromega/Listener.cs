using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// What <c>create_websocket_server</c> returns: each accepted connection starts a new coroutine running the
/// <c>when_new_conn</c> handler; when the server stops while the script still runs, <c>when_dead</c>'s handler
/// runs in a new coroutine with the reason.
/// </summary>
internal sealed class Listener : IListener
{
    private readonly LuaHost _host;
    private readonly WebSocketServer _server;
    private readonly IDisposable _ownership;
    private int _onConnection;
    private int _onDead;

    public Listener(LuaHost host, WebSocketServer server)
    {
        _host = host;
        _server = server;
        _ownership = host.Own(server);
        _ = AcceptLoopAsync();
    }

    public int WhenNewConn(LuaState L, int func)
    {
        _onConnection = Replace(L, _onConnection, func);
        L.PushValue(1);
        return 1;
    }

    public int WhenDead(LuaState L, int func)
    {
        _onDead = Replace(L, _onDead, func);
        L.PushValue(1);
        return 1;
    }

    /// <summary>Stops listening and closes the server's connections; <c>when_dead</c> then runs.</summary>
    public Task StopAsync() => _server.StopAsync();

    private static int Replace(LuaState L, int old, int func)
    {
        if (old != 0)
        {
            L.ReleaseReference(old);
        }

        return L.Reference(func);
    }

    private async Task AcceptLoopAsync()
    {
        string reason;
        try
        {
            while (true)
            {
                var connection = await _server.AcceptAsync().ConfigureAwait(false);
                _host.Post(() => Accept(connection));
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            reason = "the server stopped listening";
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            reason = "the server failed: " + e.Message;
        }

        _host.Post(() => Die(reason));
        _ownership.Dispose();
    }

    private void Accept(WebSocketConnection connection)
    {
        var conn = new WebSocketConn(_host, connection);
        if (_onConnection != 0)
        {
            var L = _host.State;
            L.PushReference(_onConnection);
            CoromegaBindings.PushWebSocketConn(L, conn);
            _host.Spawn(L, 1);
            L.Pop(1);
        }

        // After the Spawn: the handler's coroutine starts before the first message is routed.
        conn.StartReceiving();
    }

    private void Die(string reason)
    {
        if (_onDead == 0)
        {
            return;
        }

        var L = _host.State;
        L.PushReference(_onDead);
        L.PushString(reason);
        _host.Spawn(L, 1);
        L.Pop(1);
    }
}
