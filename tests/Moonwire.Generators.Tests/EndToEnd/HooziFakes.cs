using Moonwire.Dialects.Hoozi;
using Moonwire.Lua;

namespace Moonwire.Generators.Tests.EndToEnd;

/// <summary>Records what the generated bindings hand the HOOZi contract and answers like the
/// document says.</summary>
internal sealed class HooziFakes : INetHttpModule, INetWsModule, INetWsServerModule
{
    public List<string> Calls { get; } = [];

    public int Get(LuaState L, ReadOnlySpan<byte> url, int callback, long timeout)
    {
        Calls.Add($"get callback {System.Text.Encoding.UTF8.GetString(url)} {L.TypeAt(callback)} {timeout}");
        return 0;
    }

    public int Get(LuaState L, ReadOnlySpan<byte> url, HttpOptions options, int callback)
    {
        Calls.Add($"get options {System.Text.Encoding.UTF8.GetString(url)} timeout={options.Timeout} headers={L.TypeAt(options.Headers)} callback={L.TypeAt(callback)}");
        return 0;
    }

    public int Post(LuaState L, ReadOnlySpan<byte> url, ReadOnlySpan<byte> body, string contentType, int callback, long timeout) => 0;

    public int Post(LuaState L, ReadOnlySpan<byte> url, HttpOptions options, int callback) => 0;

    public int Request(LuaState L, ReadOnlySpan<byte> url, string method, HttpOptions options, int callback) => 0;

    public int Connect(LuaState L, ReadOnlySpan<byte> url, int callbacks)
    {
        L.PushInteger(7);
        return 1;
    }

    public int Send(LuaState L, long id, ReadOnlySpan<byte> msg, bool binary)
    {
        Calls.Add($"send {id} {Convert.ToHexString(msg)}{(binary ? " binary" : "")}");
        if (id == 13)
        {
            throw new LuaException("unlucky id");
        }
        if (id == 14)
        {
            throw new InvalidOperationException("boom");
        }
        L.PushBoolean(true);
        return 1;
    }

    public int Close(LuaState L, long id) => 0;

    public int IsOpen(LuaState L, long id)
    {
        L.PushBoolean(false);
        return 1;
    }

    public int Listen(LuaState L, long port, int callbacks)
    {
        HooziBindings.PushWsServer(L, new Server(port));
        return 1;
    }

    private sealed class Server(long port) : IWsServer
    {
        public long Id => port;

        public int Send(LuaState L, long client, ReadOnlySpan<byte> msg, bool binary)
        {
            L.PushBoolean(true);
            return 1;
        }

        public int Broadcast(LuaState L, ReadOnlySpan<byte> msg, bool binary) => 0;

        public int Disconnect(LuaState L, long client, long code, ReadOnlySpan<byte> reason) => 0;

        public int Close(LuaState L) => 0;

        public int IsOpen(LuaState L)
        {
            L.PushBoolean(true);
            return 1;
        }

        public int ClientCount(LuaState L)
        {
            L.PushInteger(0);
            return 1;
        }
    }
}
