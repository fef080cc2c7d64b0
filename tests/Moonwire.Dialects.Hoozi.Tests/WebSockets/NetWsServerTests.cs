using System.Text;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Hoozi.Tests.WebSockets;

/// <summary>net.ws_server with engine clients: callbacks, send / broadcast / disconnect / close, the port rules and unloading.</summary>
public sealed class NetWsServerTests
{
    private const string Server = """
        local port = tonumber((...))
        srv = net.ws_server:listen(port, {
            on_open = function(c) print("open", c, srv:client_count()) end,
            on_message = function(c, msg) print("message", c, msg) if msg == "echo" then print("sent", srv:send(c, msg)) end end,
            on_error = function(c, err) print("error", c, err) end,
            on_close = function(c, code, reason) print("close", c, code, reason) end,
        })
        print("listening", srv ~= nil, srv and srv.id, srv and srv:is_open())

        """;

    [Fact(Timeout = 20_000)]
    public async Task ClientsAreNumberedAndEchoed()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync(Server, null, Ports.Text(port));
        await using (var a = await ConnectAsync(port))
        {
            await script.WaitForLine(l => l == "open\t1\t1");
            await a.SendTextAsync("echo");
            Assert.Equal("echo", await ReceiveTextAsync(a));
            await a.SendAsync(new byte[] { 1, 2 }, isText: false);
            await script.WaitForLine(l => l == "message\t1\t\u0001\u0002");
            await a.CloseAsync();
        }

        await script.WaitForLine(l => l.StartsWith("close\t1", StringComparison.Ordinal));
        await script.Run("srv:close() print('closed', srv:is_open(), srv:client_count())");
        await script.Finished();
        Assert.Equal(["listening\ttrue\t1\ttrue", "open\t1\t1", "message\t1\techo", "sent\ttrue", "message\t1\t\u0001\u0002", "close\t1\t1000\t", "closed\tfalse\t0"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task BroadcastReachesEveryClientAndDisconnectUsesItsCode()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync(Server, null, Ports.Text(port));
        await using var a = await ConnectAsync(port);
        await using var b = await ConnectAsync(port);
        await script.WaitForLine(l => l == "open\t2\t2");
        await script.Run("srv:broadcast('all') srv:disconnect(1, 4000, 'bye') srv:disconnect(2) print('unknown', srv:send(99, 'x'))");
        Assert.Equal("all", await ReceiveTextAsync(a));
        Assert.Equal("all", await ReceiveTextAsync(b));
        // on_close reports the code and reason the client answered with.
        var closeA = await a.ReceiveAsync();
        var closeB = await b.ReceiveAsync();
        Assert.Equal((MessageKind.Close, (ushort)4000, "bye"), (closeA.Kind, closeA.CloseCode, closeA.CloseReason));
        Assert.Equal((MessageKind.Close, (ushort)1000, ""), (closeB.Kind, closeB.CloseCode, closeB.CloseReason));
        await script.WaitForLine(l => l == "close\t1\t4000\t");
        await script.WaitForLine(l => l == "close\t2\t1000\t");
        Assert.Contains("unknown\tfalse", script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task TheBinaryExtensionEchoesEachKindAsItCame()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync("""
            srv = net.ws_server:listen(tonumber((...)), {
                on_message = function(c, msg, binary) srv:send(c, msg, binary) srv:broadcast(msg, binary) end,
            })
            """, null, Ports.Text(port));
        await using var client = await ConnectAsync(port);
        await client.SendAsync(Array.Empty<byte>(), isText: false);
        await client.SendTextAsync("");
        foreach (var expected in new[] { MessageKind.Binary, MessageKind.Binary, MessageKind.Text, MessageKind.Text })
        {
            var echo = await client.ReceiveAsync();
            Assert.Equal((expected, 0), (echo.Kind, echo.Payload.Length));
        }

        await script.Run("srv:close()");
        await script.Finished();
        Assert.Empty(script.Errors);
    }

    [Fact(Timeout = 20_000)]
    public async Task ATakenPortGivesNil()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        await using var script = await HooziScript.StartAsync(Server, null, Ports.Text(port));
        await script.Finished();
        Assert.Equal(["listening\tfalse\tnil\tnil"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task CloseDisconnectsClientsAndFreesThePort()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync(Server, null, Ports.Text(port));
        await using var a = await ConnectAsync(port);
        await script.WaitForLine(l => l == "open\t1\t1");
        var receiving = a.ReceiveAsync().AsTask();
        await script.Run($"srv:close() local again = net.ws_server:listen({port}, {{}}) print('again', again ~= nil) again:close()");
        var close = await receiving;
        Assert.Equal((MessageKind.Close, (ushort)1001), (close.Kind, close.CloseCode));
        await script.Finished();
        Assert.Contains("again\ttrue", script.Lines);
        Assert.Contains(script.Lines, l => l.StartsWith("close\t1\t1001", StringComparison.Ordinal));
    }

    [Fact(Timeout = 20_000)]
    public async Task UnloadingClosesServersAndClientsWithoutCallbacks()
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync(Server + """
            event.on("script_unloaded", function(ue) print("unloaded", ue.script_path == _SCRIPT_PATH) srv:close() end)
            """, null, Ports.Text(port));
        await using var a = await ConnectAsync(port);
        await script.WaitForLine(l => l == "open\t1\t1");
        var receiving = a.ReceiveAsync().AsTask();
        await script.Dialect.UnloadAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var close = await receiving;
        Assert.Equal((MessageKind.Close, (ushort)1001), (close.Kind, close.CloseCode));
        Assert.Equal(["listening\ttrue\t1\ttrue", "open\t1\t1", "unloaded\ttrue"], script.Lines);
        Assert.Empty(script.Errors);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("net.ws_server:listen(0, {})", "bad argument #1 to 'listen' (value out of range)")]
    [InlineData("net.ws_server:listen(80)", "bad argument #2 to 'listen' (table expected, got no value)")]
    [InlineData("net.ws_server:listen(PORT, { on_open = 1 })", "bad argument #2 to 'listen' (field 'on_open': function expected, got number)")]
    [InlineData("srv:disconnect(1, 999)", "bad argument #2 to 'disconnect' (invalid close code 999)")]
    [InlineData("srv:disconnect(1, 1000, string.rep('x', 124))", "bad argument #3 to 'disconnect' (reason is 124 bytes, at most 123 allowed)")]
    [InlineData("srv:send('a', 'b')", "bad argument #1 to 'send' (number expected, got string)")]
    [InlineData("srv.send(nil, 1, 'b')", "calling 'send' on bad self")]
    [InlineData("srv.id = 5", "cannot assign to field 'id'")]
    public async Task BadArgumentsRaiseLuasStandardErrors(string call, string error)
    {
        var port = Ports.Free();
        await using var script = await HooziScript.StartAsync(
            $"srv = net.ws_server:listen({port}, {{}}) PORT = {port} print(select(2, pcall(function() {call} end))) srv:close()");
        await script.Finished();
        var line = Assert.Single(script.Lines);
        Assert.EndsWith("script.lua:1: " + error, line);
    }

    private static Task<WebSocketConnection> ConnectAsync(int port) =>
        WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/"));

    private static async Task<string> ReceiveTextAsync(WebSocketConnection connection)
    {
        var message = await connection.ReceiveAsync();
        Assert.Equal(MessageKind.Text, message.Kind);
        return Encoding.UTF8.GetString(message.Payload.Span);
    }
}
