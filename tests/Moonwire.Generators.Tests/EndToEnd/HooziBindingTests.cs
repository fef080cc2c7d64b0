using Moonwire.Dialects.Hoozi;

namespace Moonwire.Generators.Tests.EndToEnd;

/// <summary>The generated HOOZi bindings called from Lua: dispatch, defaults, conversions, and each
/// kind of argument error in Lua's wording, raised at the script's line.</summary>
public sealed class HooziBindingTests : IDisposable
{
    private readonly LuaTestState _lua = new();
    private readonly HooziFakes _fakes = new();

    public HooziBindingTests() =>
        _lua.Register(HooziBindings.WrapperChunk, HooziBindings.ChunkName, L => HooziBindings.PushRawFunctions(L, _fakes, _fakes, _fakes));

    public void Dispose() => _lua.Dispose();

    [Fact(Timeout = 10_000)]
    public async Task Overloads_dispatch_on_the_second_argument_and_apply_defaults()
    {
        await Task.Yield();
        _lua.Run("""
            net.http:get("http://a", function() end)
            net.http:get("http://b", { timeout = 5, headers = {} }, function() end)
            net.http.get("http://c", function() end, 3)
            """);

        Assert.Equal(
            ["get callback http://a Function 10", "get options http://b timeout=5 headers=Table callback=Function", "get callback http://c Function 3"],
            _fakes.Calls);
    }

    [Fact(Timeout = 10_000)]
    public async Task Strings_cross_as_utf8_bytes_and_results_come_back()
    {
        await Task.Yield();
        _lua.Run("""
            assert(net.ws:connect("ws://x", {}) == 7)
            assert(net.ws:send(1, "h\u{e9}") == true)
            assert(net.ws:send(2, "x", true) == true)
            assert(net.ws:is_open(1) == false)
            """);

        Assert.Equal(["send 1 68C3A9", "send 2 78 binary"], _fakes.Calls);
    }

    [Theory(Timeout = 10_000)]
    [InlineData("net.ws:connect(nil, {})", "bad argument #1 to 'connect' (string expected, got nil)")]
    [InlineData("net.ws:send(1)", "bad argument #2 to 'send' (string expected, got no value)")]
    [InlineData("net.ws:send(1.5, 'x')", "bad argument #1 to 'send' (number has no integer representation)")]
    [InlineData("net.ws:send(1, 'x', 1)", "bad argument #3 to 'send' (boolean expected, got number)")]
    [InlineData("net.ws_server:listen(70000, {})", "bad argument #1 to 'listen' (value out of range)")]
    [InlineData("net.http:get('u', 5)", "bad argument #2 to 'get' (function or table expected, got number)")]
    [InlineData("net.http:get('u', { timeout = 'x' }, print)", "bad argument #2 to 'get' (field 'timeout': number expected, got string)")]
    [InlineData("net.ws:connect('u', { on_open = 1 })", "bad argument #2 to 'connect' (field 'on_open': function expected, got number)")]
    [InlineData("net.ws_server:listen(1, {}).send(nil, 1, 'x')", "calling 'send' on bad self")]
    [InlineData("net.ws:send(13, 'x')", "unlucky id")]
    [InlineData("net.ws:send(14, 'x')", "internal error: boom")]
    public async Task Errors_use_Lua_wording_at_the_callers_line(string call, string message)
    {
        await Task.Yield();
        Assert.Equal("test:2: " + message, _lua.ErrorOf("local _ = 0\n" + call));
    }

    [Fact(Timeout = 10_000)]
    public async Task Userdata_has_methods_and_read_only_fields()
    {
        await Task.Yield();
        _lua.Run("""
            local srv = net.ws_server:listen(8080, {})
            assert(srv.id == 8080)
            assert(srv:send(1, "x") == true)
            assert(srv:client_count() == 0)
            """);

        Assert.Equal("test:1: cannot assign to field 'id'", _lua.ErrorOf("net.ws_server:listen(1, {}).id = 2"));
    }
}
