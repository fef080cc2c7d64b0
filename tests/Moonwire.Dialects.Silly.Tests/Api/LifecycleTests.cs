using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>Servers and sockets belong to the script: stopping it closes them.</summary>
public sealed class LifecycleTests
{
    [Fact(Timeout = 60_000)]
    public async Task Stopping_the_script_closes_its_sockets_and_its_server()
    {
        var port = SillyScript.FreePort();
        var script = await SillyScript.StartExampleAsync("upgrade.lua", [$"127.0.0.1:{port}"]);
        await using var client = await Peers.ConnectAsync($"ws://127.0.0.1:{port}/");
        await Peers.SendTextAsync(client, "ping");
        Assert.Equal("Echo: ping", await Peers.ReceiveTextAsync(client));

        // The client keeps reading, so it can answer the script's Close while the script stops.
        var ending = client.ReceiveAsync().AsTask();
        await script.DisposeAsync();

        var end = await ending.WaitAsync(SillyScript.Patience);
        Assert.Equal(MessageKind.Close, end.Kind);
        Assert.Equal(1000, (int)end.CloseCode);
        await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/")));
    }
}
