using System.Net.Sockets;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary><c>net.ws_server</c>: local servers, 127.0.0.1 only, no TLS; nil when the port is taken.</summary>
internal sealed class NetWsServer(HooziSession session) : INetWsServerModule
{
    private long _lastId;

    public int Listen(LuaState L, long port, int callbacks)
    {
        var functions = WsCallbacks.Read(session.Host, L, callbacks, "listen", 2);
        var server = new WebSocketServer(new WebSocketServerOptions
        {
            Host = "127.0.0.1",
            Port = (int)port,
            Connection = WsLimits.Connection,
        });
        try
        {
            server.Start();
        }
        catch (SocketException)
        {
            server.DisposeAsync().AsTask().Wait();
            functions.Release();
            L.PushNil();
            return 1;
        }

        var listening = new WsServer(++_lastId, server, session, functions);
        listening.Start();
        HooziBindings.PushWsServer(L, listening);
        return 1;
    }
}
