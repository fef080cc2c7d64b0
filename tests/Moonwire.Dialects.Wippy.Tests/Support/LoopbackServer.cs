using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Wippy.Tests.Support;

/// <summary>Our engine's server on a free loopback port, running <paramref name="session"/> for each connection.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly Func<WebSocketConnection, Task> _session;
    private readonly Task _accepting;

    private LoopbackServer(Func<WebSocketConnection, Task> session, PerMessageDeflateOptions? deflate)
    {
        _session = session;
        _server = new WebSocketServer(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0, Deflate = deflate });
        _server.Start();
        _accepting = AcceptAsync();
    }

    public string Url => $"ws://127.0.0.1:{_server.Port}";

    private List<string> Seen { get; } = [];

    public static LoopbackServer Start(Func<WebSocketConnection, Task> session, PerMessageDeflateOptions? deflate = null) => new(session, deflate);

    /// <summary>
    /// Echoes every text and binary message until the client closes; records "ping" for each ping and
    /// "close CODE REASON" at the end.
    /// </summary>
    public static LoopbackServer Echo(PerMessageDeflateOptions? deflate = null)
    {
        LoopbackServer? server = null;
        server = Start(async connection =>
        {
            while (true)
            {
                var message = await connection.ReceiveAsync();
                switch (message.Kind)
                {
                    case MessageKind.Close:
                        server!.Record($"close {message.CloseCode} {message.CloseReason}");
                        return;
                    case MessageKind.Ping:
                        server!.Record("ping");
                        break;
                    case MessageKind.Text or MessageKind.Binary:
                        server!.Record($"{message.Kind} {message.Payload.Length}");
                        await connection.SendAsync(message.Payload, message.Kind == MessageKind.Text);
                        break;
                }
            }
        }, deflate);
        return server;
    }

    /// <summary>
    /// Sends <paramref name="messages"/> as text (after the client's first message, recorded, when
    /// <paramref name="afterFirst"/>), then closes with 1000.
    /// </summary>
    public static LoopbackServer Feed(bool afterFirst, params string[] messages)
    {
        LoopbackServer? server = null;
        server = Start(async connection =>
        {
            server!.Record("authorization " + connection.Handshake.Headers.Get("Authorization"));
            if (afterFirst)
            {
                server.Record("first " + (await connection.ReceiveAsync()).Text);
            }

            foreach (var message in messages)
            {
                await connection.SendTextAsync(message);
            }

            await connection.CloseAsync(1000, "done");
        });
        return server;
    }

    public IReadOnlyList<string> Recorded()
    {
        lock (Seen)
        {
            return [.. Seen];
        }
    }
    public void Record(string line)
    {
        lock (Seen)
        {
            Seen.Add(line);
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            WebSocketConnection connection;
            try
            {
                connection = await _server.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                await using (connection)
                {
                    try
                    {
                        await _session(connection);
                    }
                    catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
                    {
                        Record("session ended: " + e.Message);
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _accepting.WaitAsync(WippyScript.Patience);
    }
}
