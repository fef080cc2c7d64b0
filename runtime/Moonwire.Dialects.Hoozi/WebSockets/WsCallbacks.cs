using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary>The on_open / on_message / on_error / on_close functions of a callbacks table, kept until released.</summary>
internal sealed class WsCallbacks
{
    private static readonly string[] Names = ["on_open", "on_message", "on_error", "on_close"];
    private readonly LuaHost _host;
    private readonly int?[] _references = new int?[Names.Length];

    private WsCallbacks(LuaHost host) => _host = host;

    /// <summary>Reads the table at <paramref name="index"/>; a field that is neither nil nor a function is a bad argument.</summary>
    public static WsCallbacks Read(LuaHost host, LuaState L, int index, string function, int position)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            var type = L.GetField(index, Names[i]);
            var typeName = L.TypeNameAt(-1);
            L.Pop(1);
            if (type is not (LuaType.Nil or LuaType.Function))
            {
                throw new LuaException($"bad argument #{position} to '{function}' (field '{Names[i]}': function expected, got {typeName})");
            }
        }

        var callbacks = new WsCallbacks(host);
        for (var i = 0; i < Names.Length; i++)
        {
            if (L.GetField(index, Names[i]) == LuaType.Function)
            {
                callbacks._references[i] = L.Reference(-1);
            }

            L.Pop(1);
        }

        return callbacks;
    }

    public void OnOpen(long id)
    {
        if (Push(0) is { } L)
        {
            L.PushInteger(id);
            _host.Callback(1);
        }
    }

    /// <summary><paramref name="binary"/> is Moonwire's third argument; HOOZi scripts take two and never see it.</summary>
    public void OnMessage(long id, byte[] message, bool binary)
    {
        if (Push(1) is { } L)
        {
            L.PushInteger(id);
            L.PushUtf8(message);
            L.PushBoolean(binary);
            _host.Callback(3);
        }
    }

    public void OnError(long id, string error)
    {
        if (Push(2) is { } L)
        {
            L.PushInteger(id);
            L.PushString(error);
            _host.Callback(2);
        }
    }

    public void OnClose(long id, int code, string reason)
    {
        if (Push(3) is { } L)
        {
            L.PushInteger(id);
            L.PushInteger(code);
            L.PushString(reason);
            _host.Callback(3);
        }
    }

    /// <summary>Lets every function go; later events find nothing to call.</summary>
    public void Release()
    {
        for (var i = 0; i < _references.Length; i++)
        {
            if (_references[i] is { } reference)
            {
                _host.State.ReleaseReference(reference);
                _references[i] = null;
            }
        }
    }

    private LuaState? Push(int slot)
    {
        if (_references[slot] is not { } reference)
        {
            return null;
        }

        _host.State.PushReference(reference);
        return _host.State;
    }
}
