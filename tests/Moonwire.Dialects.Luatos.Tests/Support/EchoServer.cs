using System.Collections.Concurrent;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>
/// A loopback server on the engine: echoes text and binary messages and records everything each
/// client sent (pings included), as "text:...", "binary:...", "ping:...", "close:code:reason".
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public EchoServer(WebSocketServerOptions? options = null, Func<WebSocketConnection, Task>? greet = null)
    {
        _server = new WebSocketServer(options ?? new WebSocketServerOptions { Host = "127.0.0.1", Port = 0 });
        _server.Start();
        _accepting = AcceptAsync(greet);
    }

    public string Url => $"{_server.Url.Scheme}://127.0.0.1:{_server.Port}";

    public ConcurrentQueue<string> Received { get; } = new();

    private async Task AcceptAsync(Func<WebSocketConnection, Task>? greet)
    {
        try
        {
            while (true)
            {
                var connection = await _server.AcceptAsync(_stop.Token);
                _ = ServeAsync(connection, greet);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ServeAsync(WebSocketConnection connection, Func<WebSocketConnection, Task>? greet)
    {
        await using (connection)
        {
            try
            {
                if (greet is not null)
                {
                    await greet(connection);
                }

                while (true)
                {
                    var message = await connection.ReceiveAsync();
                    switch (message.Kind)
                    {
                        case MessageKind.Text:
                            Received.Enqueue("text:" + message.Text);
                            await connection.SendAsync(message.Payload.ToArray(), isText: true);
                            break;
                        case MessageKind.Binary:
                            Received.Enqueue("binary:" + Convert.ToHexString(message.Payload.Span));
                            await connection.SendAsync(message.Payload.ToArray(), isText: false);
                            break;
                        case MessageKind.Ping:
                            Received.Enqueue("ping:" + message.Text);
                            break;
                        case MessageKind.Close:
                            Received.Enqueue($"close:{message.CloseCode}:{message.CloseReason}");
                            return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or WebSocketException or InvalidOperationException)
            {
                Received.Enqueue("dropped");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.DisposeAsync();
        await _accepting;
        _stop.Dispose();
    }
}
