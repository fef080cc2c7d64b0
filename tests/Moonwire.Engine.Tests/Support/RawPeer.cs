using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;

namespace Moonwire.Engine.Tests.Support;

/// <summary>One frame as a raw peer read it, unmasked.</summary>
internal sealed record PeerFrame(bool Fin, int Rsv, int Opcode, bool Masked, byte[] Payload, byte[]? MaskKey = null);

/// <summary>
/// A misbehaving peer on a raw socket: it speaks exactly the bytes a test gives it and reads back what
/// the engine answers, frame by frame, so tests can see close codes and TCP closing order. It plays a
/// client against our server (<see cref="OpenAsync"/>) or a server against our client (<see cref="ServeAsync"/>).
/// It never answers a Close: a test done with the connection it opened aborts that connection, else
/// disposing it waits out the whole close timeout (10 s).
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    public const string Key = "dGhlIHNhbXBsZSBub25jZQ==";
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    // A read outlives a quiet-period check that gave up on it, so no byte is ever lost.
    private Task<int>? _pendingRead;

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
    public static async Task<RawPeer> OpenAsync(Uri url, string extraHeaders = "")
    {
        var peer = await ConnectAsync(url);
        var head = await peer.RequestAsync(UpgradeRequest(extra: extraHeaders));
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Handshake refused: " + head);
        }

        peer.ResponseHead = head;
        return peer;
    }

    /// <summary>
    /// Plays the server for our client: accepts its connection, answers 101 (with <paramref name="extraHeaders"/>,
    /// e.g. an extension response), and returns the peer with the client's connection.
    /// </summary>
    public static async Task<(RawPeer Peer, WebSocketConnection Client)> ServeAsync(WebSocketClientOptions? options = null, string extraHeaders = "")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connecting = WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"), options);
        var peer = new RawPeer(await listener.AcceptTcpClientAsync());
        try
        {
            peer._client.NoDelay = true;
            var request = await peer.ReadHeadAsync();
            peer.RequestHead = request;
            var key = request.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();
            await peer.SendAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {WebSocketKey.ComputeAccept(key)}\r\n{extraHeaders}\r\n"));
            return (peer, await connecting);
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>The head our server answered the upgrade with (for <see cref="OpenAsync"/>).</summary>
    public string ResponseHead { get; private set; } = "";

    /// <summary>The head our client sent (for <see cref="ServeAsync"/>).</summary>
    public string RequestHead { get; private set; } = "";

    public static string UpgradeRequest(string method = "GET", string version = "13", string extra = "") =>
        $"{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: {version}\r\n{extra}\r\n";

    /// <summary>Sends a request and returns the response head (through the blank line, or to EOF).</summary>
    public async Task<string> RequestAsync(string request)
    {
        await SendAsync(Encoding.ASCII.GetBytes(request));
        return await ReadHeadAsync();
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Sends one byte per write, pausing between them, so the engine sees the stream in many tiny reads.</summary>
    public async Task SendTrickleAsync(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            await _stream.WriteAsync(new[] { b });
            await Task.Delay(1);
        }
    }

    /// <summary>Ends our sending half (TCP FIN) and keeps reading what the engine still says.</summary>
    public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one frame (unmasking it if masked); null at end of stream.</summary>
    public async Task<PeerFrame?> ReadRawFrameAsync()
    {
        var header = await ReadBytesAsync(2);
        if (header is null)
        {
            return null;
        }

        long length = header[1] & 0x7F;
        var extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0)
        {
            length = 0;
            foreach (var b in await ReadBytesAsync(extra) ?? throw new EndOfStreamException())
            {
                length = (length << 8) | b;
            }
        }

        var masked = (header[1] & 0x80) != 0;
        var key = masked ? await ReadBytesAsync(4) ?? throw new EndOfStreamException() : null;
        var payload = await ReadBytesAsync(checked((int)length)) ?? throw new EndOfStreamException();
        for (var i = 0; key is not null && i < payload.Length; i++)
        {
            payload[i] ^= key[i % 4];
        }

        return new PeerFrame((header[0] & 0x80) != 0, (header[0] >> 4) & 0x7, header[0] & 0x0F, masked, payload, key);
    }

    /// <summary>Reads one frame; null at end of stream.</summary>
    public async Task<(int Opcode, byte[] Payload)?> ReadFrameAsync() =>
        await ReadRawFrameAsync() is { } frame ? (frame.Opcode, frame.Payload) : null;

    /// <summary>Reads one frame a client sent, unmasked; null at end of stream or when it was not masked.</summary>
    public async Task<PeerFrame?> ReadMaskedFrameAsync() =>
        await ReadRawFrameAsync() is { Masked: true } frame ? frame : null;

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

    /// <summary>True when nothing arrives (neither bytes nor end of stream) for <paramref name="quiet"/>.</summary>
    public async Task<bool> IsSilentForAsync(TimeSpan quiet)
    {
        if (_start < _end)
        {
            return false;
        }

        var read = _pendingRead ??= _stream.ReadAsync(_buffer).AsTask();
        return await Task.WhenAny(read, Task.Delay(quiet)) != read;
    }

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

    /// <summary>Reads an HTTP head (through the blank line, or to EOF) as Latin-1 text.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
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

    private async Task<byte[]?> ReadBytesAsync(int count)
    {
        var result = new byte[count];
        for (var filled = 0; filled < count;)
        {
            if (_start == _end && !await FillAsync())
            {
                return null;
            }

            var take = Math.Min(count - filled, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(filled));
            _start += take;
            filled += take;
        }

        return result;
    }

    private async Task<int> ReadByteAsync() => await ReadBytesAsync(1) is { } one ? one[0] : -1;

    private async Task<bool> FillAsync()
    {
        int read;
        try
        {
            read = await (_pendingRead ?? _stream.ReadAsync(_buffer).AsTask());
        }
        catch (IOException)
        {
            read = 0;
        }
        finally
        {
            _pendingRead = null;
        }

        (_start, _end) = (0, read);
        return read > 0;
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
