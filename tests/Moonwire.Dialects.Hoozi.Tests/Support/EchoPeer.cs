using System.Security.Cryptography.X509Certificates;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>
/// A WebSocket server from the engine on a free loopback port. It echoes every message with its kind,
/// except "binary:TEXT" (answered with TEXT as a binary message), "ping" (answered with a ping, then
/// "pinged") and "big" (answered with one byte more than HOOZi's 64 MB limit). With a certificate it
/// speaks wss://.
/// </summary>
internal sealed class EchoPeer : IAsyncDisposable
{
    private readonly WebSocketServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public EchoPeer(X509Certificate2? certificate = null)
    {
        _server = new(new WebSocketServerOptions { Host = "127.0.0.1", Port = 0, Certificate = certificate });
        _server.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public string Url => _server.Url.AbsoluteUri;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.DisposeAsync();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            WebSocketConnection connection;
            try
            {
                connection = await _server.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => EchoAsync(connection));
        }
    }

    private static async Task EchoAsync(WebSocketConnection connection)
    {
        await using (connection)
        {
            while (true)
            {
                var message = await connection.ReceiveAsync();
                switch (message.Kind)
                {
                    case MessageKind.Close:
                        return;
                    case MessageKind.Text when message.Text.StartsWith("binary:", StringComparison.Ordinal):
                        await connection.SendAsync(message.Payload[7..].ToArray(), isText: false);
                        break;
                    case MessageKind.Text when message.Text == "big":
                        await connection.SendAsync(new byte[(64 << 20) + 1], isText: false);
                        break;
                    case MessageKind.Text when message.Text == "ping":
                        await connection.PingAsync("are you there"u8.ToArray());
                        await connection.SendTextAsync("pinged");
                        break;
                    case MessageKind.Text or MessageKind.Binary:
                        await connection.SendAsync(message.Payload.ToArray(), message.Kind == MessageKind.Text);
                        break;
                }
            }
        }
    }
}
