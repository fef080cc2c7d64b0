using System.Net;
using System.Text;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>Every example of the document (examples/silly), run against real loopback peers.</summary>
public sealed class ExampleTests
{
    [Fact(Timeout = 60_000)]
    public async Task Upgrade_example_echoes_text_with_a_prefix_and_answers_plain_http()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartExampleAsync("upgrade.lua", [$"127.0.0.1:{port}"]);

        await using var client = await Peers.ConnectAsync($"ws://127.0.0.1:{port}/");
        await Peers.SendTextAsync(client, "hello");
        Assert.Equal("Echo: hello", await Peers.ReceiveTextAsync(client));

        using var http = new HttpClient { Timeout = SillyScript.Patience };
        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not a WebSocket request", await response.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Client_example_sends_hello_and_prints_the_answer()
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        var serving = Task.Run(async () =>
        {
            await using var connection = await server.AcceptAsync();
            var message = await connection.ReceiveAsync();
            await connection.SendAsync(message.Payload.ToArray(), isText: true);
            await connection.ReceiveAsync();
        });

        await using var script = await SillyScript.StartExampleAsync("client.lua", [$"ws://127.0.0.1:{server.Port}"]);
        await script.RunToEndAsync();
        await serving.WaitAsync(SillyScript.Patience);

        Assert.Equal(["Connected to WebSocket server", "Received:\tHello, Server!"], script.Output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Read_loop_example_prints_text_answers_pings_and_stops_on_close()
    {
        await using var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        var serving = Task.Run(async () =>
        {
            await using var connection = await server.AcceptAsync();
            await connection.SendTextAsync("first");
            await connection.PingAsync("are you there"u8.ToArray());
            var pong = await connection.ReceiveAsync();
            var answer = (pong.Kind, Encoding.UTF8.GetString(pong.Payload.Span));
            await connection.CloseAsync();
            return answer;
        });

        await using var script = await SillyScript.StartExampleAsync("read-loop.lua", [$"ws://127.0.0.1:{server.Port}"]);
        await script.RunToEndAsync();

        // The engine answers the ping itself; the script's own pong follows and is just as valid.
        Assert.Equal((MessageKind.Pong, "are you there"), await serving.WaitAsync(SillyScript.Patience));
        Assert.Equal(["Text:\tfirst"], script.Output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Broadcast_example_sends_each_text_to_every_client_and_404s_plain_http()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartExampleAsync("broadcast-server.lua", [$"127.0.0.1:{port}"]);
        await using var alice = await Peers.ConnectAsync($"ws://127.0.0.1:{port}/");
        await using var bob = await Peers.ConnectAsync($"ws://127.0.0.1:{port}/");
        // Both handlers must have registered their sockets before the broadcast.
        await Peers.SendTextAsync(bob, "bob is here");
        Assert.Equal("bob is here", await Peers.ReceiveTextAsync(bob));

        await Peers.SendTextAsync(alice, "hi all");

        Assert.Equal("hi all", await Peers.ReceiveTextAsync(bob));
        // Alice's handler may have joined the list just after bob's greeting went out.
        var received = await Peers.ReceiveTextAsync(alice);
        if (received == "bob is here")
        {
            received = await Peers.ReceiveTextAsync(alice);
        }

        Assert.Equal("hi all", received);

        using var http = new HttpClient { Timeout = SillyScript.Patience };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"))).StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Wss_example_greets_a_client_that_trusts_the_test_ca()
    {
        using var pki = new TestPki();
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartExampleAsync("wss-server.lua", ["cert.pem", "key.pem", $"127.0.0.1:{port}"], pki.Directory);

        await using var client = await Peers.ConnectAsync($"wss://localhost:{port}/", new WebSocketClientOptions { Tls = pki.ClientTls });

        Assert.Equal("Secure connection established", await Peers.ReceiveTextAsync(client));
    }

    [Fact(Timeout = 60_000)]
    public async Task Self_test_example_runs_to_its_end()
    {
        var port = SillyScript.FreePort();
        await using var script = await SillyScript.StartExampleAsync("self-test.lua", [$"127.0.0.1:{port}"]);
        await script.RunToEndAsync();

        Assert.Equal(["text\tEcho: one", "text\tEcho: two", "text\tEcho: three", "binary\t100006"], script.Output);
        Assert.Empty(script.Errors);
    }
}
