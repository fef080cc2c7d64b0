using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary><c>net.ws</c>: client connections by id. Ids are never reused, so a retry loop cannot confuse them.</summary>
internal sealed class NetWs(HooziSession session, ClientTlsOptions tls) : INetWsModule
{
    private readonly Dictionary<long, WsClient> _clients = [];
    private long _lastId;

    /// <summary>Connections not yet finished (for tests of the retry loop).</summary>
    public int LiveCount => _clients.Count;

    public int Connect(LuaState L, ReadOnlySpan<byte> url, int callbacks)
    {
        var functions = WsCallbacks.Read(session.Host, L, callbacks, "connect", 2);
        var options = new WebSocketClientOptions { Connection = WsLimits.Connection, Tls = tls };
        var client = new WsClient(++_lastId, Encoding.UTF8.GetString(url), options, session, functions, gone => _clients.Remove(gone.Id));
        _clients.Add(client.Id, client);
        client.Start();
        L.PushInteger(client.Id);
        return 1;
    }

    public int Send(LuaState L, long id, ReadOnlySpan<byte> msg, bool binary)
    {
        L.PushBoolean(_clients.TryGetValue(id, out var client) && client.TrySend(msg.ToArray(), binary));
        return 1;
    }

    public int Close(LuaState L, long id)
    {
        if (_clients.TryGetValue(id, out var client))
        {
            client.Close();
        }

        return 0;
    }

    public int IsOpen(LuaState L, long id)
    {
        L.PushBoolean(_clients.TryGetValue(id, out var client) && client.IsOpen);
        return 1;
    }
}
