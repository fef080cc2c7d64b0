namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>Wrong arguments raise Lua's own wording at the caller's line; nothing reaches the host as a crash.</summary>
public sealed class ArgumentTests
{
    [Theory(Timeout = 20_000)]
    [InlineData("coromega:connect_to_websocket({})", "bad argument #1 to 'connect_to_websocket' (string expected, got table)")]
    [InlineData("coromega:connect_to_websocket('ws://127.0.0.1:1', 5)", "bad argument #2 to 'connect_to_websocket' (table expected, got number)")]
    [InlineData("coromega:connect_to_websocket('ws://127.0.0.1:1', { h = true })", "bad argument #2 to 'connect_to_websocket' (header 'h': string expected, got boolean)")]
    [InlineData("coromega:connect_to_websocket('ws://127.0.0.1:1', { h = { 'a', {} } })", "bad argument #2 to 'connect_to_websocket' (header 'h': string expected, got table)")]
    [InlineData("coromega:connect_to_websocket('ws://127.0.0.1:1', { 'x' })", "bad argument #2 to 'connect_to_websocket' (header names must be strings, got number)")]
    [InlineData("coromega:create_websocket_server('127.0.0.1')", "bad argument #2 to 'create_websocket_server' (number expected, got no value)")]
    [InlineData("coromega:create_websocket_server({}, 1042)", "bad argument #1 to 'create_websocket_server' (string expected, got table)")]
    [InlineData("coromega:create_websocket_server('127.0.0.1', 0)", "bad argument #2 to 'create_websocket_server' (value out of range)")]
    [InlineData("coromega:create_websocket_server('127.0.0.1', 1042.5)", "bad argument #2 to 'create_websocket_server' (number has no integer representation)")]
    [InlineData("conn:send_message({})", "bad argument #1 to 'send_message' (string expected, got table)")]
    [InlineData("conn.send_message('x', 'y')", "calling 'send_message' on bad self")]
    [InlineData("conn:send(5)", "bad argument #1 to 'send' (table expected, got number)")]
    [InlineData("conn:send({ f = print })", "bad argument #1 to 'send' (cannot encode a function value)")]
    [InlineData("conn:send({ [true] = 1 })", "bad argument #1 to 'send' (cannot encode a table key of type boolean)")]
    [InlineData("local t = {} t.t = t conn:send(t)", "bad argument #1 to 'send' (tables nested too deeply (is there a cycle?))")]
    [InlineData("conn:send({ s = '\\255' })", "bad argument #1 to 'send' (strings must be valid UTF-8 to be encoded)")]
    [InlineData("conn:send_binary({})", "bad argument #1 to 'send_binary' (string expected, got table)")]
    [InlineData("conn:when_new_msg('x')", "bad argument #1 to 'when_new_msg' (function expected, got string)")]
    [InlineData("coromega:start_new(5)", "bad argument #1 to 'start_new' (function expected, got number)")]
    [InlineData("coromega:sleep('1')", "bad argument #1 to 'sleep' (number expected, got string)")]
    [InlineData("json.encode()", "bad argument #1 to 'encode' (value expected)")]
    public async Task RaisesLuasWording(string call, string expected)
    {
        await using var server = new PeerServer(greeting: null);
        await using var script = await CoromegaScript.StartAsync($$"""
            local json = require("json")
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              local ok, message = pcall(function() {{call}} end)
              print(ok, message)
            end)
            """);

        Assert.Equal("false\tscript:4: " + expected, Assert.Single(await script.PrintedAsync(1)));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("coromega:connect_to_websocket('ws://127.0.0.1:1')", "'connect_to_websocket' must be called inside a coroutine")]
    [InlineData("coromega:sleep(1)", "'sleep' must be called inside a coroutine (start one with coromega:start_new)")]
    [InlineData("coromega:create_websocket_server('127.0.0.1', 1):when_new_conn(5)", "bad argument #1 to 'when_new_conn' (function expected, got number)")]
    [InlineData("coromega:create_websocket_server('127.0.0.1', 1):when_dead(5)", "bad argument #1 to 'when_dead' (function expected, got number)")]
    public async Task RaisesOutsideACoroutine(string call, string expected)
    {
        await using var script = await CoromegaScript.StartAsync($$"""
            local ok, message = pcall(function() {{call}} end)
            print(ok, message)
            """);

        Assert.Equal("false\tscript:1: " + expected, Assert.Single(await script.PrintedAsync(1)));
    }
}
