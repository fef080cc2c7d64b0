using Moonwire.Engine.Net;

namespace Moonwire.Engine.Tests.Support;

/// <summary>Our server and our client, connected over 127.0.0.1.</summary>
internal sealed class Loopback : IAsyncDisposable
{
    private Loopback(WebSocketServer server, WebSocketConnection client, WebSocketConnection accepted)
    {
        Server = server;
        Client = client;
        Accepted = accepted;
    }

    public WebSocketServer Server { get; }

    public WebSocketConnection Client { get; }

    /// <summary>The server's side of the connection.</summary>
    public WebSocketConnection Accepted { get; }

    public static async Task<Loopback> OpenAsync(WebSocketServerOptions? serverOptions = null, WebSocketClientOptions? clientOptions = null)
    {
        var server = new WebSocketServer(serverOptions ?? new WebSocketServerOptions());
        server.Start();
        var client = await WebSocketClient.ConnectAsync(server.Url, clientOptions);
        var accepted = await server.AcceptAsync();
        return new Loopback(server, client, accepted);
    }

    public static WebSocketServer StartServer(WebSocketServerOptions? options = null)
    {
        var server = new WebSocketServer(options ?? new WebSocketServerOptions());
        server.Start();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // Both sides at once: each reads the other's Close. One after the other, the first waited out its
        // whole close timeout for an answer nobody was reading to give.
        await Task.WhenAll(Client.DisposeAsync().AsTask(), Accepted.DisposeAsync().AsTask());
        await Server.DisposeAsync();
    }
}
