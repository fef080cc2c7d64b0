using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;

namespace Moonwire.Soak.Tests.Support;

/// <summary>One engine server whose every connection echoes until it ends; it counts what it saw.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly Task _acceptLoop;
    private int _accepted;

    public EchoServer(bool deflate)
    {
        _server = new WebSocketServer(new WebSocketServerOptions { Deflate = deflate ? new PerMessageDeflateOptions() : null });
        _server.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Url => _server.Url;

    /// <summary>Connections open on the server's side right now.</summary>
    public int LiveConnections => _server.ConnectionCount;

    public int Accepted => Volatile.Read(ref _accepted);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _acceptLoop;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _server.AcceptAsync();
                Interlocked.Increment(ref _accepted);
                _ = EchoAsync(connection);
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // The server stopped.
        }
    }

    private static async Task EchoAsync(WebSocketConnection connection)
    {
        await using (connection)
        {
            try
            {
                while (await connection.ReceiveAsync() is { Kind: not MessageKind.Close } message)
                {
                    if (message.Kind is MessageKind.Text or MessageKind.Binary)
                    {
                        await connection.SendAsync(message.Payload, message.Kind == MessageKind.Text);
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException)
            {
                // The peer vanished mid-echo: that is what the churning clients do.
            }
        }
    }
}
