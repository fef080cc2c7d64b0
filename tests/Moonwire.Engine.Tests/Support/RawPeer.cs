using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Handshake;

namespace Moonwire.Engine.Tests.Support;

/// <summary>
/// A misbehaving peer on a raw socket: it speaks exactly the bytes a test gives it and reads back what
/// the engine answers, frame by frame, so tests can see close codes and TCP closing order.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    public const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPeer> ConnectAsync(Uri url)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, url.Port);
        return new RawPeer(client);
    }

    /// <summary>The server end of a connection a client under test opened to <paramref name="listener"/>.</summary>
    public static async Task<RawPeer> AcceptAsync(TcpListener listener)
    {
        var client = await listener.AcceptTcpClientAsync();
        client.NoDelay = true;
        return new RawPeer(client);
    }

    /// <summary>Like <see cref="AcceptAsync"/>, then answers the client's handshake with a plain 101.</summary>
    public static async Task<RawPeer> AcceptUpgradeAsync(TcpListener listener)
    {
        var peer = await AcceptAsync(listener);
        var head = await peer.ReadHeadAsync();
        var key = head.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
        await peer.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {WebSocketKey.ComputeAccept(key)}\r\n\r\n"));
        return peer;
    }

    /// <summary>Connects and completes a valid opening handshake; returns the response head.</summary>
    public static async Task<RawPeer> OpenAsync(Uri url)
    {
        var peer = await ConnectAsync(url);
        var head = await peer.RequestAsync(UpgradeRequest());
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Handshake refused: " + head);
        }

        return peer;
    }

    public static string UpgradeRequest(string method = "GET", string version = "13", string extra = "") =>
        $"{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: {version}\r\n{extra}\r\n";

    /// <summary>Sends a request and returns the response head (through the blank line, or to EOF).</summary>
    public async Task<string> RequestAsync(string request)
    {
        await SendAsync(Encoding.ASCII.GetBytes(request));
        return await ReadHeadAsync();
    }

    /// <summary>Reads an HTTP head (through the blank line, or to EOF) as Latin-1 text.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var b = await ReadByteAsync();
            if (b < 0)
            {
                break;
            }

            head.Append((char)b);
        }

        return head.ToString();
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one unmasked frame from the server; null at end of stream.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReadFrameAsync()
    {
        var b0 = await ReadByteAsync();
        var b1 = await ReadByteAsync();
        if (b0 < 0 || b1 < 0)
        {
            return null;
        }

        long length = b1 & 0x7F;
        var extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0)
        {
            length = 0;
            for (var i = 0; i < extra; i++)
            {
                length = (length << 8) | (uint)await ReadByteAsync();
            }
        }

        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)await ReadByteAsync();
        }

        return (b0 & 0x0F, payload);
    }

    /// <summary>Reads one frame a client sent, unmasking it; null at end of stream or when it was not masked.</summary>
    public async Task<(int Opcode, byte[] MaskKey, byte[] Payload)?> ReadMaskedFrameAsync()
    {
        var b0 = await ReadByteAsync();
        var b1 = await ReadByteAsync();
        if (b0 < 0 || b1 < 0 || (b1 & 0x80) == 0)
        {
            return null;
        }

        long length = b1 & 0x7F;
        var extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0)
        {
            length = 0;
            for (var i = 0; i < extra; i++)
            {
                length = (length << 8) | (uint)await ReadByteAsync();
            }
        }

        var key = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            key[i] = (byte)await ReadByteAsync();
        }

        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(await ReadByteAsync() ^ key[i % 4]);
        }

        return (b0 & 0x0F, key, payload);
    }

    /// <summary>Reads frames until a Close; returns its code (or -1 when TCP ended first).</summary>
    public async Task<int> ReadCloseCodeAsync()
    {
        while (await ReadFrameAsync() is { } frame)
        {
            if (frame.Opcode == 0x8)
            {
                return frame.Payload.Length >= 2 ? (frame.Payload[0] << 8) | frame.Payload[1] : 1005;
            }
        }

        return -1;
    }

    /// <summary>True when the other side closed TCP (reads return 0) and nothing else arrived first.</summary>
    public async Task<bool> IsClosedByPeerAsync() => await ReadByteAsync() < 0;

    /// <summary>Reads until the other side closes TCP (the test's timeout bounds a peer that never does).</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        var rest = new List<byte>();
        for (var b = await ReadByteAsync(); b >= 0; b = await ReadByteAsync())
        {
            rest.Add((byte)b);
        }

        return [.. rest];
    }

    private async Task<int> ReadByteAsync()
    {
        if (_pending.Count == 0)
        {
            var buffer = new byte[4096];
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer);
            }
            catch (IOException)
            {
                return -1;
            }

            if (read == 0)
            {
                return -1;
            }

            _pending.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var b = _pending[0];
        _pending.RemoveAt(0);
        return b;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
