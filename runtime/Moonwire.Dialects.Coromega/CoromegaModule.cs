using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// <c>coromega:connect_to_websocket</c> and <c>coromega:create_websocket_server</c>. Like the original,
/// a failure to connect or to listen returns nil; the reason goes to the host's log as a warning.
/// </summary>
internal sealed class CoromegaModule(LuaHost host) : ICoromegaModule
{
    private readonly LuaHost _host = host;

    public unsafe int ConnectToWebsocket(LuaState L, ReadOnlySpan<byte> addr, int optionalHeader)
    {
        var address = Encoding.UTF8.GetString(addr);
        var headers = optionalHeader == 0 ? [] : HeaderTable.Read(L, optionalHeader);
        var connecting = Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? ConnectAsync(uri, headers)
            : Refuse($"connect_to_websocket({address}) failed: not an absolute ws:// or wss:// address");
        return _host.Suspend(L, connecting, &PushConnection);
    }

    public int CreateWebsocketServer(LuaState L, string host, double port)
    {
        if (port != Math.Floor(port))
        {
            throw new LuaException("bad argument #2 to 'create_websocket_server' (number has no integer representation)");
        }

        var server = new WebSocketServer(new WebSocketServerOptions { Host = host, Port = (int)port });
        try
        {
            server.Start();
        }
        catch (Exception e) when (e is SocketException or FormatException)
        {
            Warn($"create_websocket_server({host}, {port}) failed: {e.Message}");
            L.PushNil();
            return 1;
        }

        CoromegaBindings.PushListener(L, new Listener(_host, server));
        return 1;
    }

    private async ValueTask<WebSocketConn?> ConnectAsync(Uri uri, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        try
        {
            var connection = await WebSocketClient.ConnectAsync(uri, new WebSocketClientOptions { Headers = headers }).ConfigureAwait(false);
            return new WebSocketConn(_host, connection);
        }
        catch (Exception e) when (e is WebSocketException or ArgumentException or SocketException or IOException)
        {
            return await Refuse($"connect_to_websocket({uri}) failed: {e.Message}").ConfigureAwait(false);
        }
    }

    private ValueTask<WebSocketConn?> Refuse(string reason)
    {
        Warn(reason);
        return ValueTask.FromResult<WebSocketConn?>(null);
    }

    // Runs on the host thread when the coroutine resumes: only now may messages start to arrive.
    private static int PushConnection(LuaState L, WebSocketConn? connection)
    {
        if (connection is null)
        {
            L.PushNil();
            return 1;
        }

        CoromegaBindings.PushWebSocketConn(L, connection);
        connection.StartReceiving();
        return 1;
    }

    private void Warn(string message)
    {
        if (_host.Options.Log.IsEnabled(HostLogLevel.Warn))
        {
            _host.Options.Log.Write(HostLogLevel.Warn, message);
        }
    }
}
