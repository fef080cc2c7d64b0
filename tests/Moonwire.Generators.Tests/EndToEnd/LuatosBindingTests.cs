using Moonwire.Dialects.Luatos;
using Moonwire.Lua;

namespace Moonwire.Generators.Tests.EndToEnd;

/// <summary>The generated LuatOS-Air bindings: enumerations checked like luaL_checkoption,
/// coroutine-only calls, functions that complete themselves (yields), multiple results.</summary>
public sealed class LuatosBindingTests : IDisposable
{
    private readonly LuaTestState _lua = new();
    private readonly Fake _fake = new();

    public LuatosBindingTests() =>
        _lua.Register(LuatosBindings.WrapperChunk, LuatosBindings.ChunkName, L => LuatosBindings.PushRawFunctions(L, _fake));

    public void Dispose() => _lua.Dispose();

    [Fact(Timeout = 10_000)]
    public async Task Options_arrive_as_enum_values()
    {
        await Task.Yield();
        _lua.Run("""
            local ws = websocket.new("ws://x")
            ws:on("open", print)
            ws:on("pong", print)
            """);

        Assert.Equal([WsEvent.Open, WsEvent.Pong], _fake.Events);
    }

    [Fact(Timeout = 10_000)]
    public async Task Coroutine_calls_return_every_result()
    {
        await Task.Yield();
        _lua.Run("""
            local ws = websocket.new("ws://x")
            coroutine.wrap(function()
              assert(ws:connect(20000) == true)
              local ok, data = ws:recv()
              assert(ok == true and data == "frame")
            end)()
            """);

        Assert.Equal(20000, _fake.ConnectTimeout);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_pending_call_yields_its_coroutine_until_the_host_resumes_it()
    {
        await Task.Yield();
        _fake.ConnectPending = true;
        _lua.Run("""
            local ws = websocket.new("ws://x")
            local co = coroutine.create(function() return ws:connect(5) end)
            local running, pending = coroutine.resume(co)
            assert(running and pending == 42 and coroutine.status(co) == "suspended")
            local done, connected = coroutine.resume(co, 0, true)
            assert(done and connected == true and coroutine.status(co) == "dead")
            """);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("ws:on('bogus', print)", "bad argument #1 to 'on' (invalid option 'bogus')")]
    [InlineData("ws:connect(1000)", "'connect' must be called inside a coroutine")]
    [InlineData("coroutine.wrap(function() ws:sendFrame(true, 16, 'x') end)()", "bad argument #2 to 'sendFrame' (value out of range)")]
    [InlineData("websocket.exit({})", "bad argument #1 to 'exit' (WebSocket expected, got table)")]
    public async Task Errors_use_Lua_wording(string call, string message)
    {
        await Task.Yield();
        Assert.EndsWith(message, _lua.ErrorOf("local ws = websocket.new('ws://x')\n" + call), StringComparison.Ordinal);
    }

    private sealed class Fake : IWebsocketModule, IWebSocket
    {
        public List<WsEvent> Events { get; } = [];

        public double? ConnectTimeout { get; private set; }

        public bool ConnectPending { get; set; }

        public int New(LuaState L, ReadOnlySpan<byte> url, CertConfig cert)
        {
            LuatosBindings.PushWebSocket(L, this);
            return 1;
        }

        public int Exit(LuaState L, IWebSocket ws) => 0;

        public int On(LuaState L, WsEvent @event, int callback)
        {
            Events.Add(@event);
            return 0;
        }

        public int Connect(LuaState L, double? timeout)
        {
            ConnectTimeout = timeout;
            if (ConnectPending)
            {
                // What LuaHost.Suspend pushes: Pending and the id the host resumes with.
                L.PushInteger(BoundStatus.Pending);
                L.PushInteger(42);
                return 2;
            }
            L.PushInteger(BoundStatus.Ok);
            L.PushBoolean(true);
            return 2;
        }

        public int SendFrame(LuaState L, bool fin, long opcode, ReadOnlySpan<byte> data) => 0;

        public int Recv(LuaState L)
        {
            L.PushInteger(BoundStatus.Ok);
            L.PushBoolean(true);
            L.PushString("frame");
            return 3;
        }

        public int Close(LuaState L, long? code, string? reason) => 0;

        public int State(LuaState L)
        {
            L.PushString("OPEN");
            return 1;
        }

        public int Online(LuaState L)
        {
            L.PushBoolean(true);
            return 1;
        }

        public int Start(LuaState L, double? keepAlive, int proc, double? reconnTime)
        {
            L.PushInteger(BoundStatus.Ok);
            return 1;
        }
    }
}
