using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Handshake;

namespace Moonwire.Soak.Tests.Support;

/// <summary>
/// A WebSocket server that is only a listening socket: it answers each upgrade with 101 (and accepts
/// permessage-deflate when asked to) and then holds the connection, so the engine's client end can be
/// measured alone. Without <c>answer</c> it is a plain TCP server: the cost of bare socket pairs.
/// </summary>
internal sealed class RawServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _accepted = [];
    private readonly Task _acceptLoop;

    public RawServer(bool answer, bool acceptDeflate)
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        _acceptLoop = AcceptLoopAsync(answer, acceptDeflate);
    }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");

    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }

    private async Task AcceptLoopAsync(bool answer, bool acceptDeflate)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptAsync();
                if (answer)
                {
                    _ = AnswerAsync(socket, acceptDeflate);
                }
                else
                {
                    Hold(socket);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private async Task AnswerAsync(Socket socket, bool acceptDeflate)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            length += await socket.ReceiveAsync(buffer.AsMemory(length));
        }

        var request = Encoding.ASCII.GetString(buffer, 0, length);
        var key = request.Split("\r\n").Single(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {WebSocketKey.ComputeAccept(key)}\r\n" +
            (acceptDeflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(response));
        Hold(socket);
    }

    private void Hold(Socket socket)
    {
        lock (_accepted)
        {
            _accepted.Add(socket);
        }
    }
}
