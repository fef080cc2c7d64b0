using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>The websocket module's return conventions, events and error texts.</summary>
public sealed class WebSocketTests
{
    [Fact(Timeout = 30_000)]
    public async Task Connect_returns_false_and_logs_why_when_nothing_listens()
    {
        await using var script = await LuatosScript.StartAsync();
        var port = FreePort();

        Assert.True(await script.RunToEndAsync($$"""
            sys.taskInit(function()
              local ws = websocket.new("ws://127.0.0.1:{{port}}")
              log.info("t", tostring(ws:connect(2000)), ws:state(), tostring(ws:online()))
            end)
            """));

        Assert.Equal(["false CONNECTING false"], script.Output);
        Assert.Contains($"cannot connect to ws://127.0.0.1:{port}", Assert.Single(script.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Connect_returns_false_for_a_url_that_is_not_websocket()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function() log.info("t", tostring(websocket.new("http://127.0.0.1:1/"):connect())) end)
            """));

        Assert.Equal(["false"], script.Output);
        Assert.Contains("ws:// or wss://", Assert.Single(script.Errors), StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("bye", "false bye")]
    [InlineData("", "false nil")]
    public async Task Recv_gives_false_and_the_servers_close_reason(string reason, string expected)
    {
        await using var server = new EchoServer(greet: connection => connection.CloseAsync(1000, reason));
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function(url)
              local ws = websocket.new(url)
              ws:connect()
              local result, data = ws:recv()
              log.info("t", tostring(result), tostring(data))
              ws:close()
            end, ...)
            """, server.Url));

        Assert.Equal([expected], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Recv_gives_a_read_error_without_a_connection_and_after_a_drop()
    {
        await using var server = new EchoServer(greet: connection =>
        {
            connection.Abort();
            return Task.CompletedTask;
        });
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function(url)
              local ws = websocket.new(url)
              log.info("t", ws:recv())
              ws:connect()
              log.info("t", ws:recv())
              log.info("t", tostring(ws:online()))
            end, ...)
            """, server.Url));

        Assert.Equal(["false Read byte error!", "false Read byte error!", "false"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task State_follows_connect_and_close_and_close_reports_its_own_code()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function(url)
              local ws = websocket.new(url)
              ws:on("close", function(code) log.info("t", "close", code) end)
              log.info("t", ws:state())
              ws:connect()
              log.info("t", ws:state())
              ws:close(nil, "done")
              log.info("t", ws:state())
            end, ...)
            """, server.Url));

        Assert.Equal(["CONNECTING", "OPEN", "CLOSED", "close 1001"], script.Output);
        await ExampleTests.WaitForAsync(() => server.Received.Contains("close:1000:done"));
    }

    [Fact(Timeout = 30_000)]
    public async Task SendFrame_before_connect_sends_nothing_and_raises_nothing()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function()
              websocket.new("ws://127.0.0.1:1"):sendFrame(true, 1, "lost")
              log.info("t", "ok")
            end)
            """));

        Assert.Equal(["ok"], script.Output);
        Assert.Empty(script.Errors);
    }

    [Fact(Timeout = 30_000)]
    public async Task Ping_fires_pong_with_the_payload()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function(url)
              local ws = websocket.new(url)
              ws:on("pong", function(data) log.info("t", "pong", data) end)
              ws:connect()
              ws:ping("p1")
              ws:send("after")
              log.info("t", "recv", select(2, ws:recv()))
              ws:close()
            end, ...)
            """, server.Url));

        Assert.Equal(["pong p1", "recv after 2"], script.Output);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("ws:sendFrame(true, 3, 'x')", "test:3: bad argument #2 to 'sendFrame' (opcode 0x3 is reserved by RFC 6455)")]
    [InlineData("ws:sendFrame(true, 16, 'x')", "test:3: bad argument #2 to 'sendFrame' (value out of range)")]
    [InlineData("ws:sendFrame(1, 1, 'x')", "test:3: bad argument #1 to 'sendFrame' (boolean expected, got number)")]
    [InlineData("ws:sendFrame(true, 1)", "test:3: bad argument #3 to 'sendFrame' (string expected, got no value)")]
    [InlineData("ws:on('bogus', print)", "test:3: bad argument #1 to 'on' (invalid option 'bogus')")]
    [InlineData("ws:on('open')", "test:3: bad argument #2 to 'on' (function expected, got no value)")]
    [InlineData("ws:close('x')", "test:3: bad argument #1 to 'close' (number expected, got string)")]
    [InlineData("ws:connect('soon')", "test:3: bad argument #1 to 'connect' (number expected, got string)")]
    [InlineData("ws:start(180, 'proc')", "test:3: bad argument #2 to 'start' (function expected, got string)")]
    [InlineData("websocket.new()", "test:3: bad argument #1 to 'new' (string expected, got no value)")]
    [InlineData("websocket.new('wss://h', 'ca.crt')", "test:3: bad argument #2 to 'new' (table expected, got string)")]
    [InlineData("websocket.new('wss://h', {insist = 2})", "test:3: bad argument #2 to 'new' (field 'insist': value out of range)")]
    [InlineData("websocket.exit({})", "test:3: bad argument #1 to 'exit' (WebSocket expected, got table)")]
    [InlineData("ws:send({})", "test:3: bad argument #1 to 'send' (string expected, got table)")]
    [InlineData("ws.state({})", "test:3: calling 'state' on bad self")]
    public async Task Bad_arguments_raise_with_luas_wording(string call, string error)
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync($$"""
            sys.taskInit(function()
              local ws = websocket.new("ws://127.0.0.1:1")
              {{call}}
            end)
            """));

        Assert.StartsWith(error, Assert.Single(script.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Blocking_methods_outside_a_task_say_so()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.False(await script.RunAsync("websocket.new('ws://127.0.0.1:1'):connect()"));

        Assert.StartsWith("test:1: 'connect' must be called inside a coroutine", Assert.Single(script.Errors), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
