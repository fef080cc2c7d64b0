using System.Threading.Channels;
using Moonwire.Engine.Net;

namespace Moonwire.Lua.Tests.Sockets;

/// <summary>The engine's server echoing text on loopback, recording how each connection was closed.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly Channel<ushort> _closes = Channel.CreateUnbounded<ushort>();
    private readonly Task _accepting;

    private EchoServer(WebSocketServer server)
    {
        _server = server;
        _accepting = AcceptAsync();
    }

    public Uri Url => _server.Url;

    public static Task<EchoServer> StartAsync()
    {
        var server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        server.Start();
        return Task.FromResult(new EchoServer(server));
    }

    /// <summary>The close code of the next connection that ends.</summary>
    public async Task<ushort> NextCloseCodeAsync() => await _closes.Reader.ReadAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _accepting.ConfigureAwait(false);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _ = EchoAsync(await _server.AcceptAsync().ConfigureAwait(false));
            }
        }
        catch (ChannelClosedException)
        {
            // The server stopped.
        }
    }

    private async Task EchoAsync(WebSocketConnection connection)
    {
        await using (connection)
        {
            while (true)
            {
                var message = await connection.ReceiveAsync().ConfigureAwait(false);
                if (message.Kind == MessageKind.Close)
                {
                    _closes.Writer.TryWrite(message.CloseCode);
                    return;
                }

                if (message.Kind == MessageKind.Text)
                {
                    await connection.SendAsync(message.Payload, isText: true).ConfigureAwait(false);
                }
            }
        }
    }
}
