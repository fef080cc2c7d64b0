namespace Moonwire.Dialects.Hoozi.Tests.WebSockets;

/// <summary>net.ws against the engine's server: the four callbacks, send / close / is_open, failures, and the retry loop.</summary>
public sealed class NetWsTests : IAsyncLifetime
{
    private const string Trace = """
        function trace(url, on_open)
            return net.ws:connect(url, {
                on_open = function(id) print("open", id, net.ws:is_open(id)) if on_open then on_open(id) end end,
                on_message = function(id, msg) print("message", id, msg) end,
                on_error = function(id, err) print("error", id, err) end,
                on_close = function(id, code, reason) print("close", id, code, reason, net.ws:is_open(id)) end,
            })
        end

        """;

    private readonly EchoPeer _peer = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    [Fact(Timeout = 20_000)]
    public async Task CallbacksRunInOrderAndCloseIsNormal()
    {
        await using var script = await HooziScript.StartAsync(Trace + $$"""
            local id = trace("{{_peer.Url}}", function(id) print("sent", net.ws:send(id, "hi")) end)
            print("connecting", id, net.ws:is_open(id), net.ws:send(id, "too early"))
            """);
        await script.WaitForLine(l => l.StartsWith("message", StringComparison.Ordinal));
        await script.Run("net.ws:close(1)");
        await script.Finished();
        Assert.Equal(["connecting\t1\tfalse\tfalse", "open\t1\ttrue", "sent\ttrue", "message\t1\thi", "close\t1\t1000\t\tfalse"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task BinaryArrivesAsAStringAndPingsStayHidden()
    {
        await using var script = await HooziScript.StartAsync(Trace + $$"""
            trace("{{_peer.Url}}", function(id) net.ws:send(id, "binary:\0\1\2") net.ws:send(id, "ping") end)
            """);
        await script.WaitForLine(l => l.EndsWith("pinged", StringComparison.Ordinal));
        await script.Run("net.ws:close(1)");
        await script.Finished();
        Assert.Equal(["open\t1\ttrue", "message\t1\t\0\u0001\u0002", "message\t1\tpinged", "close\t1\t1000\t\tfalse"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task TheBinaryExtensionTellsTheKindsApartBothWays()
    {
        // The echo peer answers each message with its own kind; an empty binary message stays binary.
        await using var script = await HooziScript.StartAsync($$"""
            net.ws:connect("{{_peer.Url}}", {
                on_open = function(id) net.ws:send(id, "", true) net.ws:send(id, "text", false) net.ws:send(id, "bytes", true) end,
                on_message = function(id, msg, binary)
                    print("message", "[" .. msg .. "]", binary)
                    if msg == "bytes" then net.ws:close(id) end
                end,
            })
            """);
        await script.Finished();
        Assert.Equal(["message	[]	true", "message	[text]	false", "message	[bytes]	true"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task RefusedConnectIsAnErrorThenClose1006()
    {
        await using var script = await HooziScript.StartAsync(Trace + $"print('id', trace('ws://127.0.0.1:{Ports.Free()}/'))");
        await script.Finished();
        Assert.Equal(3, script.Lines.Count);
        Assert.Equal("id\t1", script.Lines[0]);
        Assert.StartsWith("error\t1\tCannot connect to 127.0.0.1:", script.Lines[1]);
        Assert.Equal("close\t1\t1006\t\tfalse", script.Lines[2]);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("not a url", "bad URL 'not a url': Invalid URI: The format of the URI could not be determined.")]
    [InlineData("http://127.0.0.1/", "A WebSocket URL starts with ws:// or wss://, not http://. (Parameter 'uri')")]
    public async Task BadUrlIsAnErrorThenClose1006(string url, string error)
    {
        await using var script = await HooziScript.StartAsync(Trace + $"trace('{url}')");
        await script.Finished();
        Assert.Equal([$"error\t1\t{error}", "close\t1\t1006\t\tfalse"], script.Lines);
    }

    [Fact(Timeout = 60_000)]
    public async Task AMessageOver64MegabytesClosesWith1009()
    {
        await using var script = await HooziScript.StartAsync(Trace + $$"""
            trace("{{_peer.Url}}", function(id) net.ws:send(id, "big") end)
            """);
        await script.Finished(50);
        Assert.Equal(2, script.Lines.Count);
        Assert.StartsWith("close\t1\t1009\t", script.Lines[1]);
    }

    [Fact(Timeout = 20_000)]
    public async Task UnknownIdsAreHarmless()
    {
        await using var script = await HooziScript.StartAsync("net.ws:close(42) print(net.ws:send(42, 'x'), net.ws:is_open(42))");
        await script.Finished();
        Assert.Equal(["false\tfalse"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task CloseBeforeOpenAbandonsTheConnect()
    {
        await using var script = await HooziScript.StartAsync(Trace + $"local id = trace('{_peer.Url}') net.ws:close(id)");
        await script.Finished();
        Assert.Equal(["close\t1\t1006\t\tfalse"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task UnloadingClosesClientsWithoutCallbacks()
    {
        await using var script = await HooziScript.StartAsync(Trace + $"trace('{_peer.Url}')");
        await script.WaitForLine(l => l.StartsWith("open", StringComparison.Ordinal));
        await script.Dialect.UnloadAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["open\t1\ttrue"], script.Lines);
        Assert.Empty(script.Errors);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("net.ws:connect('u')", "bad argument #2 to 'connect' (table expected, got no value)")]
    [InlineData("net.ws:connect({}, {})", "bad argument #1 to 'connect' (string expected, got table)")]
    [InlineData("net.ws:connect('u', { on_message = 'f' })", "bad argument #2 to 'connect' (field 'on_message': function expected, got string)")]
    [InlineData("net.ws:send('x', 'm')", "bad argument #1 to 'send' (number expected, got string)")]
    [InlineData("net.ws:send(1)", "bad argument #2 to 'send' (string expected, got no value)")]
    [InlineData("net.ws:send(1, 'm', 'yes')", "bad argument #3 to 'send' (boolean expected, got string)")]
    [InlineData("net.ws:is_open()", "bad argument #1 to 'is_open' (number expected, got no value)")]
    public async Task BadArgumentsRaiseLuasStandardErrors(string call, string error)
    {
        await using var script = await HooziScript.StartAsync($"print(select(2, pcall(function() {call} end)))");
        await script.Finished();
        var line = Assert.Single(script.Lines);
        Assert.EndsWith("script.lua:1: " + error, line);
    }
}
