using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>Return conventions and failure paths of connect, the server, sending and receiving.</summary>
public sealed class ConnectionTests
{
    [Theory(Timeout = 20_000)]
    [InlineData("ws://127.0.0.1:1", "connect_to_websocket(ws://127.0.0.1:1/) failed: ")]
    [InlineData("not an address", "connect_to_websocket(not an address) failed: not an absolute ws:// or wss:// address")]
    public async Task ConnectFailureReturnsNilAndWarnsWhy(string address, string warning)
    {
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              print(coromega:connect_to_websocket("{{address}}"))
            end)
            """);

        Assert.Equal(["nil"], await script.PrintedAsync(1));
        Assert.StartsWith(warning, Assert.Single(script.Log.At(HostLogLevel.Warn)), StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task ConnectRejectedHandshakeHeaderReturnsNil()
    {
        await using var server = new PeerServer();
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              print(coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}", { Upgrade = "h2c" }))
            end)
            """);

        Assert.Equal(["nil"], await script.PrintedAsync(1));
        Assert.Contains("Upgrade", Assert.Single(script.Log.At(HostLogLevel.Warn)), StringComparison.Ordinal);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("nohost")]
    [InlineData("taken")]
    public async Task ServerThatCannotListenIsNil(string host)
    {
        await using var server = new PeerServer();
        var address = host == "taken" ? $"'127.0.0.1', {server.Port}" : "'nohost', 1042";
        await using var script = await CoromegaScript.StartAsync($"print(coromega:create_websocket_server({address}))");

        Assert.Equal(["nil"], await script.PrintedAsync(1));
        Assert.StartsWith("create_websocket_server(", Assert.Single(script.Log.At(HostLogLevel.Warn)), StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task AfterTheCloseReceiveIsNilEveryTimeAndSendReturnsAnError()
    {
        await using var server = new PeerServer(greeting: null);
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              conn:send_message("bye")
              print("first", conn:receive_message())
              print("closed", conn:receive_message())
              print("again", conn:receive_message())
              print("send", conn:send_message("late"))
              print("send table", conn:send({}))
            end)
            """);
        await server.ReceivedAsync(1);
        await server.DisposeAsync();

        Assert.Equal(
        [
            "first\techo: bye",
            "closed\tnil",
            "again\tnil",
            "send\tsend failed: the connection is closed",
            "send table\tsend failed: the connection is closed",
        ], await script.PrintedAsync(5));
        await script.EndedAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task WhenNewMsgGetsEveryUnclaimedMessageInOrderThenNil()
    {
        await using var server = new PeerServer(greeting: "one");
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              conn:when_new_msg(function(msg) print("handler", msg) end)
              for i = 1, 3 do conn:send_message("m" .. i) end
            end)
            """);
        await server.ReceivedAsync(3);
        await Task.Delay(200);
        await server.DisposeAsync();

        Assert.Equal(["handler\tone", "handler\techo: m1", "handler\techo: m2", "handler\techo: m3", "handler\tnil"], await script.PrintedAsync(5));
        await script.EndedAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task MessagesWithNoReceiverAreDropped()
    {
        await using var server = new PeerServer(greeting: "dropped");
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              coromega:sleep(0.3)
              conn:send_message("x")
              print(conn:receive_message())
            end)
            """);

        Assert.Equal(["echo: x"], await script.PrintedAsync(1));
    }

    [Fact(Timeout = 20_000)]
    public async Task ASecondWaitingReceiveRaises()
    {
        await using var server = new PeerServer(greeting: null);
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              coromega:start_new(function() print("waiter", conn:receive_message()) end)
              coromega:sleep(0.1)
              print(pcall(conn.receive_message, conn))
              conn:send_message("x")
            end)
            """);

        Assert.Equal(
            ["false\treceive_message: another coroutine is already waiting for this connection's next message", "waiter\techo: x"],
            await script.PrintedAsync(2));
    }

    [Fact(Timeout = 20_000)]
    public async Task SendEncodesTablesAsJsonText()
    {
        await using var server = new PeerServer(greeting: null);
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              conn:send({ 1, 2.5, "three", true })
              conn:send({})
              conn:send({ nested = { list = { "é" } } })
              conn:send({ [1] = "a", [3] = "c" })
            end)
            """);

        var received = await server.ReceivedAsync(4);

        Assert.All(received, message => Assert.True(message.IsText));
        Assert.Equal(["""[1,2.5,"three",true]""", "[]", """{"nested":{"list":["é"]}}"""], received.Take(3).Select(m => m.Text));
        Assert.Contains(received[3].Text, new[] { """{"1":"a","3":"c"}""", """{"3":"c","1":"a"}""" });
    }

    [Fact(Timeout = 20_000)]
    public async Task SendMessageRefusesInvalidUtf8AndSendBinaryCarriesIt()
    {
        await using var server = new PeerServer(greeting: null);
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:start_new(function()
              local conn = coromega:connect_to_websocket("ws://127.0.0.1:{{server.Port}}")
              print(conn:send_message("\255"))
              print(conn:send_binary("bin"))
            end)
            """);

        Assert.Equal(["send failed: the message is not valid UTF-8, which a text message must be", "nil"], await script.PrintedAsync(2));
        Assert.Equal([("bin", false)], await server.ReceivedAsync(1));
    }

    [Fact(Timeout = 20_000)]
    public async Task BinaryMessagesArriveAsStringsWithASecondResult()
    {
        var port = CoromegaScript.FreePort();
        await using var script = await CoromegaScript.StartAsync($$"""
            coromega:create_websocket_server("127.0.0.1", {{port}}):when_new_conn(function(conn)
              print(conn:receive_message())
              print(conn:receive_message())
            end)
            """);
        await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"));

        await client.SendAsync(Encoding.UTF8.GetBytes("raw"), isText: false);
        await client.SendTextAsync("text");

        Assert.Equal(["raw\ttrue", "text"], await script.PrintedAsync(2));
    }

    [Fact(Timeout = 20_000)]
    public async Task ServerListensOnEveryAddressAndStartsASessionPerConnection()
    {
        var port = CoromegaScript.FreePort();
        await using var script = await CoromegaScript.StartAsync($$"""
            local count = 0
            coromega:create_websocket_server("0.0.0.0", {{port}}):when_new_conn(function(conn)
              count = count + 1
              conn:send_message("you are " .. count)
            end)
            """);

        await using var first = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/a"));
        Assert.Equal("you are 1", (await first.ReceiveAsync()).Text);
        await using var second = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/b"));
        Assert.Equal("you are 2", (await second.ReceiveAsync()).Text);
    }

    [Fact(Timeout = 20_000)]
    public async Task StoppingTheHostClosesConnectionsAndServers()
    {
        var port = CoromegaScript.FreePort();
        var script = await CoromegaScript.StartAsync($"coromega:create_websocket_server('127.0.0.1', {port})");
        await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"));

        await script.DisposeAsync();

        Assert.Equal(MessageKind.Close, (await client.ReceiveAsync()).Kind);
        await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}")));
    }
}
