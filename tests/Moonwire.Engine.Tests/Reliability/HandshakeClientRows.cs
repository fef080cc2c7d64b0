using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows H-C1…H-C5 (docs/reliability.md): our client against a raw-socket fake server that
/// answers the opening handshake wrongly. A refused handshake is a <see cref="WebSocketException"/>, and
/// the client sends nothing after its request.
/// </summary>
public sealed class HandshakeClientRows : IDisposable
{
    private const string Upgrade = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public HandshakeClientRows() => _listener.Start();

    private Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    [Fact(Timeout = 20_000)]
    public async Task H_C1_WrongSecWebSocketAccept_FailsAndSendsNothing()
    {
        var serving = ServeOnceAsync(_ => Upgrade + "Sec-WebSocket-Accept: " + WebSocketKey.ComputeAccept(WebSocketKey.Create()) + "\r\n\r\n");

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url));

        Assert.Contains("Sec-WebSocket-Accept", error.Message, StringComparison.Ordinal);
        Assert.Empty(await serving);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("Sec-WebSocket-Protocol: chat.v3\r\n", "chat.v1")]
    [InlineData("Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n", "chat.v1,chat.v2")]
    [InlineData("Sec-WebSocket-Protocol: chat.v1\r\n", "")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate\r\n", "")]
    [InlineData("Sec-WebSocket-Extensions: x-webkit-deflate-frame\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate; unknown=1\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=abc\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover; server_no_context_takeover\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate\r\n", "deflate")]
    [InlineData("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=\"1\r\n", "deflate")]
    public async Task H_C2_UnofferedSubprotocolOrExtension_OrMalformedParameters_Fail(string answer, string offer)
    {
        var serving = ServeOnceAsync(key => Upgrade + $"Sec-WebSocket-Accept: {WebSocketKey.ComputeAccept(key)}\r\n{answer}\r\n");
        var options = new WebSocketClientOptions
        {
            SubProtocols = offer is "" or "deflate" ? [] : offer.Split(','),
            Deflate = offer == "deflate" ? new PerMessageDeflateOptions() : null,
        };

        await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url, options));

        Assert.Empty(await serving);
    }

    /// <summary>Redirects are never followed (the decision in docs/reliability.md): the 3xx is the error, with its Location.</summary>
    [Theory(Timeout = 20_000)]
    [InlineData(200, "Content-Type: text/html")]
    [InlineData(302, "Location: ws://127.0.0.1:{other}/elsewhere")]
    [InlineData(307, "Location: ws://127.0.0.1:{other}/elsewhere")]
    [InlineData(401, "WWW-Authenticate: Bearer realm=\"moonwire\"")]
    [InlineData(403, "X-Reason: not you")]
    public async Task H_C3_StatusOtherThan101_IsAnErrorWithStatusAndHeaders_AndRedirectsAreNotFollowed(int status, string header)
    {
        using var elsewhere = new TcpListener(IPAddress.Loopback, 0);
        elsewhere.Start();
        header = header.Replace("{other}", ((IPEndPoint)elsewhere.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var serving = ServeOnceAsync(_ => $"HTTP/1.1 {status} Whatever\r\n{header}\r\nContent-Length: 0\r\n\r\n");

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url,
            new WebSocketClientOptions { Headers = [new("Authorization", "Bearer secret")] }));

        await serving;
        Assert.Equal(status, error.HandshakeStatusCode);
        var (name, value) = (header[..header.IndexOf(':', StringComparison.Ordinal)], header[(header.IndexOf(':', StringComparison.Ordinal) + 2)..]);
        Assert.Equal(value, error.HandshakeHeaders!.Get(name));
        Assert.False(elsewhere.Pending(), "the client followed the redirect");
    }

    /// <summary>A response head that never ends fails at the 64 KiB limit, long before the open timeout.</summary>
    [Fact(Timeout = 30_000)]
    public async Task H_C4_NeverEndingResponseHeaders_FailAtTheLimit_NotAtTheTimeout()
    {
        var serving = ServeEndlessHeadersAsync();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url,
            new WebSocketClientOptions { HandshakeTimeout = TimeSpan.FromMinutes(5) }));

        Assert.Contains("HeadTooLarge", error.Message, StringComparison.Ordinal);
        await serving;
    }

    [Fact(Timeout = 30_000)]
    public async Task H_C4_ResponseTrickledForever_FailsAtTheOpenTimeout()
    {
        var serving = ServeTrickleAsync();

        var error = await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url,
            new WebSocketClientOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        await serving;
    }

    [Fact(Timeout = 60_000)]
    public async Task H_C5_KeysAreFresh16ByteNonces_PerConnection()
    {
        var keys = new List<string>();
        for (var i = 0; i < 64; i++)
        {
            var serving = ServeOnceAsync(key =>
            {
                keys.Add(key);
                return "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
            });
            await Assert.ThrowsAsync<WebSocketException>(() => WebSocketClient.ConnectAsync(Url));
            await serving;
        }

        Assert.All(keys, k => Assert.Equal(16, Convert.FromBase64String(k).Length));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        AssertEveryBitVaries(keys.Select(Convert.FromBase64String).ToList());
    }

    [Fact(Timeout = 60_000)]
    public async Task H_C5_MaskingKeysAreFreshPerFrame()
    {
        const int Frames = 512;
        var accepting = RawPeer.AcceptUpgradeAsync(_listener);
        await using var client = await WebSocketClient.ConnectAsync(Url);
        await using var server = await accepting;

        var masks = new List<byte[]>();
        for (var i = 0; i < Frames; i++)
        {
            await client.SendTextAsync("same payload every time");
            var frame = await server.ReadMaskedFrameAsync();
            Assert.Equal("same payload every time", Encoding.UTF8.GetString(frame!.Payload));
            masks.Add(frame.MaskKey!);
        }

        Assert.True(masks.Select(Convert.ToHexString).Distinct(StringComparer.Ordinal).Count() >= Frames - 2, "masking keys repeat");
        AssertEveryBitVaries(masks);
    }

    /// <summary>A counter or a constant would leave some bit position fixed; random keys flip every one of them.</summary>
    private static void AssertEveryBitVaries(List<byte[]> values)
    {
        for (var bit = 0; bit < values[0].Length * 8; bit++)
        {
            var ones = values.Count(v => (v[bit / 8] & (1 << (bit % 8))) != 0);
            Assert.InRange(ones, 1, values.Count - 1);
        }
    }

    /// <summary>Answers one handshake with <paramref name="respond"/>(key); returns every byte the client sent after its request.</summary>
    private async Task<byte[]> ServeOnceAsync(Func<string, string> respond)
    {
        await using var client = await RawPeer.AcceptAsync(_listener);
        var key = KeyOf(await client.ReadHeadAsync());
        await client.SendAsync(Encoding.ASCII.GetBytes(respond(key)));
        return await client.ReadToEndAsync();
    }

    /// <summary>Sends header lines until the client hangs up.</summary>
    private async Task ServeEndlessHeadersAsync()
    {
        await using var client = await RawPeer.AcceptAsync(_listener);
        await client.ReadHeadAsync();
        var line = Encoding.ASCII.GetBytes("X-Filler: " + new string('f', 1000) + "\r\n");
        try
        {
            await client.SendAsync("HTTP/1.1 101 Switching Protocols\r\n"u8.ToArray());
            while (true)
            {
                await client.SendAsync(line);
            }
        }
        catch (IOException)
        {
            // The client hung up at its limit.
        }
    }

    private async Task ServeTrickleAsync()
    {
        await using var client = await RawPeer.AcceptAsync(_listener);
        await client.ReadHeadAsync();
        try
        {
            foreach (var b in "HTTP/1.1 101 Switching Protocols\r\nX-Slow: "u8.ToArray().Concat(Enumerable.Repeat((byte)'s', 1000)))
            {
                await client.SendAsync([b]);
                await Task.Delay(100);
            }
        }
        catch (IOException)
        {
            // The client gave up, as it should.
        }
    }

    private static string KeyOf(string head) =>
        head.Split("\r\n").First(l => l.StartsWith("Sec-WebSocket-Key:", StringComparison.OrdinalIgnoreCase))[18..].Trim();

    public void Dispose() => _listener.Dispose();
}
