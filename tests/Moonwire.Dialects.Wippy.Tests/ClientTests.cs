namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>Client:send, :ping, :channel and :close: return conventions, argument errors and what reaches the peer.</summary>
public sealed class ClientTests
{
    private static async Task<IReadOnlyList<string>> OutputOf(LoopbackServer server, string lua)
    {
        await using var script = await WippyScript.RunAsync("local websocket = require('websocket')\nlocal client = websocket.connect(...)\n" + lua, null, server.Url);
        Assert.Empty(script.Errors);
        return script.Output;
    }

    [Fact(Timeout = 30_000)]
    public async Task SendIsTextUnlessTypeIsBinary()
    {
        await using var server = LoopbackServer.Echo();
        var output = await OutputOf(server, """
            print(client:send("a"), client:send("bb", websocket.BINARY), client:send("ccc", 7), client:send(42))
            local ch = client:channel()
            for _ = 1, 4 do local m = ch:receive() print(m.type, m.data) end
            client:close()
            """);
        Assert.Equal(["true\ttrue\ttrue\ttrue", "text\ta", "binary\tbb", "text\tccc", "text\t42"], output);
        Assert.Equal(["Text 1", "Binary 2", "Text 3", "Text 2", "close 1000 "], server.Recorded());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("client:send({})", "bad argument #1 to 'send' (string expected, got table)")]
    [InlineData("client:send('x', 'binary')", "bad argument #2 to 'send' (number expected, got string)")]
    [InlineData("client.send(nil, 'x')", "calling 'send' on bad self")]
    [InlineData("client.ping({})", "calling 'ping' on bad self")]
    [InlineData("client:close(999)", "bad argument #1 to 'close' (value out of range)")]
    [InlineData("client:close(5000)", "bad argument #1 to 'close' (value out of range)")]
    [InlineData("client:close(1000, {})", "bad argument #2 to 'close' (string expected, got table)")]
    public async Task BadArgumentsRaiseLuasWording(string call, string message)
    {
        await using var server = LoopbackServer.Echo();
        var output = await OutputOf(server, $"print(select(2, pcall(function() local _ = {call} end)))\nclient:close()");
        Assert.Equal(["script:3: " + message], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task CloseCodesThatMayNotBeSentAreErrorValues()
    {
        await using var server = LoopbackServer.Echo();
        var output = await OutputOf(server, """
            local ok, err = client:close(websocket.CLOSE_CODES.NO_STATUS)
            print(ok, err:kind(), err:message())
            ok, err = client:close(1000, string.rep("r", 124))
            print(ok, err:kind(), err:message())
            print(client:close(4000, "bye"))
            """);
        Assert.Equal([
            "false\tInvalid\tclose code 1005 may not be sent (1004-1006 and 1015 are reserved)",
            "false\tInvalid\tclose reason is 124 bytes; at most 123 fit in a close frame",
            "true",
        ], output);
        Assert.Equal(["close 4000 bye"], server.Recorded());
    }

    [Fact(Timeout = 30_000)]
    public async Task AfterCloseEveryCallReportsTheConnectionGone()
    {
        await using var server = LoopbackServer.Echo();
        var output = await OutputOf(server, """
            local ch = client:channel()
            print(client:close())
            print(ch:receive())
            for _, call in ipairs({ function() return client:send("x") end, function() return client:ping() end, function() return client:close() end }) do
              local ok, err = call()
              print(ok, err:kind(), err:message())
            end
            """);
        Assert.Equal([
            "true",
            "nil\tfalse",
            "false\tInternal\twebsocket connection not found",
            "false\tInternal\twebsocket connection not found",
            "false\tInternal\twebsocket connection not found",
        ], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task PingReachesThePeer()
    {
        await using var server = LoopbackServer.Echo();
        var output = await OutputOf(server, "print(client:ping()) client:close()");
        Assert.Equal(["true"], output);
        Assert.Equal(["ping", "close 1000 "], server.Recorded());
    }

    [Fact(Timeout = 30_000)]
    public async Task EveryChannelOfAClientSharesOneQueueAndCloseEndsIt()
    {
        await using var server = LoopbackServer.Feed(false, "one", "two");
        var output = await OutputOf(server, """
            local a, b = client:channel(), client:channel()
            print(a:receive().data, b:receive().data, a:receive())
            """);
        Assert.Equal(["one\ttwo\tnil\tfalse"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task WhenTheMainChunkReturnsTheProcessEndsAndClosesItsConnectionsWith1001()
    {
        await using var server = LoopbackServer.Echo();
        await using var script = await WippyScript.StartAsync("""
            local c = require('websocket').connect(...)
            c:send('hi')
            moonwire.spawn(function() c:channel():receive() end)
            print('returning')
            """, null, server.Url);

        // No StopWhenIdle: the return alone ends the process, though a coroutine still waits on the client.
        await script.Host.Completion.WaitAsync(WippyScript.Patience);

        Assert.Equal(["returning"], script.Output);
        Assert.Empty(script.Errors);
        await WaitForCloseAsync(server);
        Assert.Contains(server.Recorded(), line => line.StartsWith("close 1001", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task StoppingTheScriptClosesItsConnections()
    {
        await using var server = LoopbackServer.Echo();
        var script = await WippyScript.StartAsync("local c = require('websocket').connect(...) c:send('hi') print('connected')", null, server.Url);
        await script.Log.WaitForAsync("connected", WippyScript.Patience);
        await script.DisposeAsync();

        await WaitForCloseAsync(server);
        Assert.Contains(server.Recorded(), line => line.StartsWith("close 1001", StringComparison.Ordinal));
    }

    private static async Task WaitForCloseAsync(LoopbackServer server)
    {
        var deadline = DateTime.UtcNow + WippyScript.Patience;
        while (!server.Recorded().Any(line => line.StartsWith("close ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
