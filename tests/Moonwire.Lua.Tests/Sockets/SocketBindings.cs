using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Moonwire.Engine.Net;

namespace Moonwire.Lua.Tests.Sockets;

/// <summary>
/// A minimal WebSocket API over the engine, bound the way dialects are (status first, I/O suspends the
/// calling coroutine), so the host can be tested on real sockets without any dialect:
/// <c>ws_connect(url) → id</c>, <c>ws_send(id, text)</c>, <c>ws_receive(id) → text</c>, <c>ws_close(id)</c>.
/// Connections belong to the host (<see cref="LuaHost.Own"/>); a refused connect raises its message.
/// </summary>
internal sealed unsafe class SocketBindings(LuaHost host)
{
    private readonly LuaHost _host = host;
    private readonly Dictionary<long, (WebSocketConnection Connection, IDisposable Ownership)> _open = [];
    private long _nextId;

    /// <summary>Connections the script opened and has not closed.</summary>
    public int OpenCount => _open.Count;

    public void Install()
    {
        _host.Bind("connect", &Connect, this);
        _host.Bind("send", &Send, this);
        _host.Bind("receive", &Receive, this);
        _host.Bind("close", &Close, this);
        _host.RunBindings("""
            local finish, raw = ...
            function ws_connect(url) local s, r = raw.connect(url) if s == 0 then return r end return finish(s, r) end
            function ws_send(id, text) return finish(raw.send(id, text)) end
            function ws_receive(id) return finish(raw.receive(id)) end
            function ws_close(id) return finish(raw.close(id)) end
            """u8, "=test.sockets");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Connect(nint l)
    {
        var L = new LuaState(l);
        var self = Self(L);
        return self._host.Suspend(L, SocketOperations.ConnectAsync(self, self._host, new Uri(L.ToUtf8String(1))), &PushConnection);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Send(nint l)
    {
        var L = new LuaState(l);
        var self = Self(L);
        var payload = L.ToUtf8Bytes(2).ToArray();
        return self._host.Suspend(L, SocketOperations.Done(self._open[L.ToInteger(1)].Connection.SendAsync(payload, isText: true)), &PushNothing);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Receive(nint l)
    {
        var L = new LuaState(l);
        var self = Self(L);
        return self._host.Suspend(L, SocketOperations.ReceiveTextAsync(self._open[L.ToInteger(1)].Connection), &PushBytes);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Close(nint l)
    {
        var L = new LuaState(l);
        var self = Self(L);
        var id = L.ToInteger(1);
        var (connection, ownership) = self._open[id];
        self._open.Remove(id);
        ownership.Dispose();
        return self._host.Suspend(L, SocketOperations.Done(connection.DisposeAsync()), &PushNothing);
    }

    /// <summary>Runs on the host thread as the coroutine resumes, so the table is touched there only.</summary>
    private static int PushConnection(LuaState L, (SocketBindings Owner, WebSocketConnection Connection, IDisposable Ownership) opened)
    {
        var owner = opened.Owner;
        var id = ++owner._nextId;
        owner._open[id] = (opened.Connection, opened.Ownership);
        L.PushInteger(id);
        return 1;
    }

    private static SocketBindings Self(LuaState L) => L.ToTarget<SocketBindings>(L.UpvalueIndex(1))!;

    private static int PushBytes(LuaState L, byte[] value)
    {
        L.PushUtf8(value);
        return 1;
    }

    private static int PushNothing(LuaState L, bool value) => 0;
}
