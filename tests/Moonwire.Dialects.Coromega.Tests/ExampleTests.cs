using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>The document's examples (examples/coromega/), unchanged but for the port, against real loopback peers.</summary>
public sealed class ExampleTests
{
    [Fact(Timeout = 30_000)]
    public async Task CombinedExamplePrintsTheDocumentsSequence()
    {
        await using var script = await CoromegaScript.StartExampleAsync("combined.lua", CoromegaScript.FreePort());

        var printed = await script.PrintedAsync(10);

        // The greetings cross on the wire, so either side may print its first message first.
        Assert.Equal(
            ["websocket client received (first message): \tserver hello", "websocket server received (first message): \tclient hello"],
            printed.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal(
        [
            "websocket server received (not intercepted): \tclient hello 1",
            "websocket client received (not intercepted): \tserver echo: client hello 1",
            "websocket server received (not intercepted): \tclient hello 2",
            "websocket client received (not intercepted): \tserver echo: client hello 2",
            "websocket server received (not intercepted): \tclient hello 3",
            "websocket client received: \tserver echo: client hello 3",
            "websocket server received (not intercepted): \tclient hello 4",
            "websocket client received: \tserver echo: client hello 4",
        ], printed.Skip(2));
        Assert.Empty(script.Errors);
    }

    [Fact(Timeout = 20_000)]
    public async Task ServerExampleTakesTheFirstMessageThenEchoesAndSeesTheClose()
    {
        var port = CoromegaScript.FreePort();
        await using var script = await CoromegaScript.StartExampleAsync("server.lua", port);
        await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/any/path"));

        Assert.Equal("server hello", (await client.ReceiveAsync()).Text);
        await client.SendTextAsync("first");
        await client.SendTextAsync("second");
        Assert.Equal("server echo: second", (await client.ReceiveAsync()).Text);
        await client.CloseAsync(1000, "");

        Assert.Equal(
        [
            "websocket server received (first message): \tfirst",
            "websocket server received (not intercepted): \tsecond",
            "websocket connection closed!",
        ], await script.PrintedAsync(3));
    }

    [Fact(Timeout = 20_000)]
    public async Task ClientExampleRoutesMessagesAndSendsTheHeaders()
    {
        await using var server = new PeerServer();
        await using var script = await CoromegaScript.StartExampleAsync("client.lua", server.Port);

        var printed = await script.PrintedAsync(4);
        var received = await server.ReceivedAsync(3);

        Assert.Contains("websocket client received (first message): \tserver first", printed);
        Assert.Contains("websocket client received (not intercepted): \techo: client hello", printed);
        Assert.Contains("send_message error: nil", printed);
        Assert.Contains("send error: nil", printed);
        Assert.Contains(("hello", true), received);
        Assert.Contains(("client hello", true), received);
        Assert.Contains(received, m => m.Text is """{"author":"somebody","age":18}""" or """{"age":18,"author":"somebody"}""");
        var withHeaders = Assert.Single(server.Requests, r => r.Contains("header1"));
        Assert.Equal(["a", "2", "c"], withHeaders.GetAll("header1"));
        Assert.Equal(["some headers"], withHeaders.GetAll("header2"));
        Assert.Equal(["header3,some values"], withHeaders.GetAll("header3"));
    }

    [Fact(Timeout = 20_000)]
    public async Task ClientExamplePrintsConnectFailWithoutAServer()
    {
        await using var script = await CoromegaScript.StartExampleAsync("client.lua", CoromegaScript.FreePort());

        Assert.Equal(["connect fail", "connect fail"], await script.PrintedAsync(2));
        Assert.Equal(2, script.Log.At(Moonwire.Lua.HostLogLevel.Warn).Count(w => w.StartsWith("connect_to_websocket(", StringComparison.Ordinal)));
        await script.EndedAsync();
    }
}
