using System.Net.Sockets;
using System.Text;

namespace Moonwire.Soak.Tests.Support;

/// <summary>
/// A WebSocket client that is only a socket: it sends a fixed upgrade request, checks for 101 and then
/// holds the connection. It costs next to nothing, so the engine's server end can be measured alone,
/// and it can leave the way a crashed peer does: a TCP reset, no Close.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private readonly Socket _socket;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<RawClient> ConnectAsync(Uri url, bool offerDeflate, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(url.Host, url.Port, cancellationToken);
            var request = "GET / HTTP/1.1\r\n" +
                $"Host: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
                (offerDeflate ? "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" : "") + "\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
            await ReadHeadAsync(socket, cancellationToken);
            return new RawClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one masked frame with an all-zero key (the payload goes out as it is).</summary>
    public async Task SendTextAsync(string text, CancellationToken cancellationToken)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        if (payload.Length > 125)
        {
            throw new ArgumentException("A short text only.", nameof(text));
        }

        byte[] frame = [0x81, (byte)(0x80 | payload.Length), 0, 0, 0, 0, .. payload];
        await _socket.SendAsync(frame, cancellationToken);
    }

    /// <summary>Drops the connection with a TCP reset, as a crashed or unplugged peer would.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    public void Dispose() => _socket.Dispose();

    private static async Task ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !head[^4..].SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            if (await socket.ReceiveAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The server closed the connection during the handshake.");
            }

            head.Add(one[0]);
        }

        var status = Encoding.ASCII.GetString([.. head]);
        if (!status.StartsWith("HTTP/1.1 101 ", StringComparison.Ordinal))
        {
            throw new IOException($"The server refused the upgrade: {status}");
        }
    }
}
