using Moonwire.Cli.Commands;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;

namespace Moonwire.Engine.Tests.Support;

/// <summary>The engine's echo server (the same loop as <c>moonwire echo-server</c>) on an ephemeral loopback port.</summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly Task _acceptLoop;
    private int _compressedConnections;

    private EchoServer(WebSocketServer server)
    {
        _server = server;
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Url => _server.Url;

    /// <summary>How many accepted connections agreed on permessage-deflate.</summary>
    public int CompressedConnections => Volatile.Read(ref _compressedConnections);

    public static EchoServer Start(bool deflate)
    {
        var server = new WebSocketServer(new WebSocketServerOptions
        {
            Deflate = deflate ? new PerMessageDeflateOptions() : null,
            Connection = EchoLoop.TesteeLimits,
        });
        server.Start();
        return new EchoServer(server);
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _server.AcceptAsync().ConfigureAwait(false);
                if (connection.IsCompressed)
                {
                    Interlocked.Increment(ref _compressedConnections);
                }

                _ = EchoLoop.RunAsync(connection);
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        await _acceptLoop.ConfigureAwait(false);
    }
}
