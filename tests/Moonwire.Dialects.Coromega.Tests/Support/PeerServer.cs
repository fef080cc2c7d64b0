using System.Collections.Concurrent;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>
/// A real peer on loopback (our engine's server): greets each client with <c>greeting</c> (unless null),
/// answers each message with "echo: " + the message, and records the request headers and the messages.
/// </summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly string? _greeting;
    private readonly Task _accepting;

    public PeerServer(string? greeting = "server first")
    {
        _greeting = greeting;
        _server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        _server.Start();
        _accepting = AcceptAsync();
    }

    public int Port => _server.Port;

    public ConcurrentQueue<HttpHeaderCollection> Requests { get; } = new();

    public ConcurrentQueue<(string Text, bool IsText)> Received { get; } = new();

    public async Task<IReadOnlyList<(string Text, bool IsText)>> ReceivedAsync(int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Received.Count < count)
        {
            await Task.Delay(10, deadline.Token);
        }

        return [.. Received];
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var connection = await _server.AcceptAsync();
                Requests.Enqueue(connection.Handshake.Headers);
                _ = ServeAsync(connection);
            }
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(WebSocketConnection connection)
    {
        await using (connection)
        {
            if (_greeting is not null)
            {
                await connection.SendTextAsync(_greeting);
            }

            while (true)
            {
                var message = await connection.ReceiveAsync();
                if (message.Kind is MessageKind.Close)
                {
                    return;
                }

                if (message.Kind is MessageKind.Text or MessageKind.Binary)
                {
                    Received.Enqueue((message.Text, message.Kind is MessageKind.Text));
                    await connection.SendTextAsync("echo: " + message.Text);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _accepting;
    }
}
