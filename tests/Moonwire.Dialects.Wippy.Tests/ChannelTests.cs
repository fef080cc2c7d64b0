namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>The channel and time modules the examples rely on: Go-style channels, select and timers.</summary>
public sealed class ChannelTests
{
    private static async Task<IReadOnlyList<string>> OutputOf(string lua)
    {
        await using var script = await WippyScript.RunAsync(lua);
        Assert.Empty(script.Errors);
        return script.Output;
    }

    [Fact(Timeout = 30_000)]
    public async Task ACoroutineWaitsForWhatAnotherSends()
    {
        var output = await OutputOf("""
            local ch = channel.new(1)
            moonwire.spawn(function() for i = 1, 3 do ch:send(i) end ch:close() end)
            while true do
              local v, ok = ch:receive()
              print(v, ok)
              if not ok then break end
            end
            """);
        Assert.Equal(["1\ttrue", "2\ttrue", "3\ttrue", "nil\tfalse"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task SelectReturnsTheReadyCaseOrDefault()
    {
        var output = await OutputOf("""
            local a, b = channel.new(2), channel.new(2)
            local r = channel.select { a:case_receive(), b:case_receive(), default = true }
            print(r.default, r.ok)
            b:send("x")
            r = channel.select { a:case_receive(), b:case_receive() }
            print(r.channel == b, r.value, r.ok)
            r = channel.select { a:case_send("y") }
            print(r.channel == a, r.ok, a:receive())
            a:close()
            r = channel.select { a:case_receive() }
            print(r.value, r.ok)
            """);
        Assert.Equal(["true\ttrue", "true\tx\ttrue", "true\ttrue\ty\ttrue", "nil\tfalse"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task TimeAfterFiresOnceAfterItsDuration()
    {
        var output = await OutputOf("""
            local fast, slow = time.after("20ms"), time.after(200 * time.MILLISECOND)
            local r = channel.select { slow:case_receive(), fast:case_receive() }
            print(r.channel == fast, math.type(r.value))
            r = channel.select { slow:case_receive() }
            print(r.channel == slow, r.ok)
            """);
        Assert.Equal(["true\tinteger", "true\ttrue"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task AKeepAliveTimerPingsAQuietConnection()
    {
        await using var server = LoopbackServer.Echo();
        await using var script = await WippyScript.RunAsync("""
            local client = require("websocket").connect(...)
            local ch, heartbeat, pings = client:channel(), time.after("30ms"), 0
            while pings < 2 do
              local r = channel.select { ch:case_receive(), heartbeat:case_receive() }
              if r.channel == heartbeat then
                client:ping()
                pings = pings + 1
                heartbeat = time.after("30ms")
              end
            end
            client:close()
            print("pinged", pings)
            """, null, server.Url);
        Assert.Empty(script.Errors);
        Assert.Equal(["pinged\t2"], script.Output);
        Assert.Equal(["ping", "ping", "close 1000 "], server.Recorded());
    }

    [Theory(Timeout = 30_000)]
    [InlineData("channel.select(5)", "bad argument #1 to 'select' (table expected, got number)")]
    [InlineData("channel.select({ 5 })", "bad argument #1 to 'select' (case 1 is not a channel case)")]
    [InlineData("channel.select({})", "select with no cases would wait forever")]
    [InlineData("channel.new('big')", "bad argument #1 to 'new' (integer expected, got string)")]
    [InlineData("local c = channel.new() c:close() c:send(1)", "send on closed channel")]
    [InlineData("local c = channel.new() c:close() c:close()", "close of closed channel")]
    [InlineData("time.after('soon')", "bad argument #1 to 'after' (invalid duration 'soon')")]
    [InlineData("time.after({})", "bad argument #1 to 'after' (number or string expected, got table)")]
    public async Task MisuseRaisesAtTheCallersLine(string call, string message)
    {
        var output = await OutputOf($"print(select(2, pcall(function() {call} end)))");
        Assert.Equal(["script:1: " + message], output);
    }
}
