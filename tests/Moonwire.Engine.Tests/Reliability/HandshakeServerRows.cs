using System.Diagnostics;
using System.Text;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Handshake;
using Moonwire.Engine.Net;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows H-S1…H-S9 (docs/reliability.md): bad opening handshakes sent to our server by a raw
/// socket. Every refusal closes the connection, and the server keeps serving valid clients afterwards.
/// </summary>
public sealed class HandshakeServerRows
{
    private const string Key = RawPeer.Key;

    [Theory(Timeout = 20_000)]
    [InlineData("POST", "HTTP/1.1", "405", "Allow: GET")]
    [InlineData("PUT", "HTTP/1.1", "405", "Allow: GET")]
    [InlineData("GET", "HTTP/1.0", "505", "Connection: close")]
    public async Task H_S1_NonGetMethodOrHttp10_IsRefusedWithoutUpgrading(string method, string version, string status, string header)
    {
        await using var server = Loopback.StartServer();

        var (head, _) = await SendAsync(server, $"{method} / {version}\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
            $"Connection: Upgrade\r\nSec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        Assert.Contains(header, head, StringComparison.Ordinal);
        Assert.DoesNotContain("Sec-WebSocket-Accept", head, StringComparison.OrdinalIgnoreCase);
        await AssertStillServesAsync(server);
    }

    /// <summary>
    /// Host and Sec-WebSocket-Key faults are 400. A request that does not ask for the upgrade at all is
    /// answered 426 with <c>Upgrade: websocket</c> (RFC 9110 §15.5.22; python-websockets does the same):
    /// the decision recorded in docs/reliability.md.
    /// </summary>
    [Theory(Timeout = 20_000)]
    [InlineData("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n", "400")]
    [InlineData("Host: a\r\nHost: b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n", "400")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n", "400")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: not-base64-at-all!!!!!!!\r\n", "400")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA\r\n", "400")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Key: {key}\r\n", "400")]
    [InlineData("Host: a\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n", "426")]
    [InlineData("Host: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n", "426")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Key: {key}\r\n", "426")]
    [InlineData("Host: a\r\nUpgrade: websocket\r\nSec-WebSocket-Key: {key}\r\n", "426")]
    public async Task H_S2_MissingOrGarbledUpgradeHeaders_AreRefused(string fields, string status)
    {
        await using var server = Loopback.StartServer();

        var (head, _) = await SendAsync(server, "GET / HTTP/1.1\r\n" + fields.Replace("{key}", Key, StringComparison.Ordinal) +
            "Sec-WebSocket-Version: 13\r\n\r\n");

        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        if (status == "426")
        {
            Assert.Contains("Upgrade: websocket", head, StringComparison.Ordinal);
        }

        await AssertStillServesAsync(server);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("Sec-WebSocket-Version: 8\r\n")]
    [InlineData("Sec-WebSocket-Version: 14\r\n")]
    [InlineData("Sec-WebSocket-Version: 13, 8\r\n")]
    [InlineData("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n")]
    [InlineData("")]
    public async Task H_S3_VersionOtherThan13_Is426_NamingTheVersionWeSpeak(string versionFields)
    {
        await using var server = Loopback.StartServer();

        var (head, _) = await SendAsync(server, "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Key}\r\n{versionFields}\r\n");

        Assert.StartsWith("HTTP/1.1 426 ", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Version: 13\r\n", head, StringComparison.Ordinal);
    }

    /// <summary>Each limit answers before the head ends: the oversized part is all the peer sends.</summary>
    [Theory(Timeout = 20_000)]
    [InlineData("request line", "414")]
    [InlineData("header line", "431")]
    [InlineData("whole head", "431")]
    public async Task H_S4_OversizedRequestLineHeaderLineOrHead_Is414or431_AndClosed(string part, string status)
    {
        await using var server = Loopback.StartServer();
        var oversized = part switch
        {
            "request line" => "GET /" + new string('a', 8 * 1024) + " HTTP/1.1",
            "header line" => "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + new string('b', 8 * 1024),
            _ => "GET / HTTP/1.1\r\nHost: a\r\n" + string.Concat(Enumerable.Repeat($"X-Part: {new string('c', 1000)}\r\n", 33)),
        };

        var (head, _) = await SendAsync(server, oversized);

        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        await AssertStillServesAsync(server);
    }

    /// <summary>The CVE-2024-37890 shape: so many headers that Upgrade comes after the limit.</summary>
    [Fact(Timeout = 20_000)]
    public async Task H_S5_TwoThousandHeaders_Is431_WithoutReadingUpgradeOrFailing()
    {
        await using var server = Loopback.StartServer();
        var flood = string.Concat(Enumerable.Range(0, 2000).Select(i => $"X-{i}: y\r\n"));

        var (head, _) = await SendAsync(server, $"GET / HTTP/1.1\r\nHost: a\r\n{flood}Upgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 431 ", head, StringComparison.Ordinal);
        await AssertStillServesAsync(server);
    }

    /// <summary>
    /// Values built to make backtracking or rescanning tokenizers quadratic (CVE-2021-32640, CVE-2020-7662):
    /// 1 MiB each, which a quadratic parser needs minutes for. A linear one answers well within the test's
    /// timeout; no speed is measured (benchmarks/ does that).
    /// </summary>
    [Theory(Timeout = 60_000)]
    [InlineData("Sec-WebSocket-Protocol", "b{ }x")]
    [InlineData("Sec-WebSocket-Protocol", "{,}chat")]
    [InlineData("Sec-WebSocket-Extensions", "permessage-deflate; a=\"{\\\\}")]
    [InlineData("Sec-WebSocket-Extensions", "permessage-deflate{;}")]
    [InlineData("Sec-WebSocket-Extensions", "{, permessage-deflate}")]
    public async Task H_S6_PathologicalListHeaders_AreParsedInLinearTime(string name, string pattern)
    {
        const int Size = 1 << 20;
        var open = pattern.IndexOf('{', StringComparison.Ordinal);
        var close = pattern.IndexOf('}', StringComparison.Ordinal);
        var unit = pattern[(open + 1)..close];
        var value = pattern[..open] + string.Concat(Enumerable.Repeat(unit, Size / unit.Length)) + pattern[(close + 1)..];
        await using var server = Loopback.StartServer(new WebSocketServerOptions
        {
            RequestLimits = new HttpLimits { MaxHeadBytes = 4 * Size, MaxHeaderLineBytes = 2 * Size },
            Handshake = new ServerHandshakeOptions { SubProtocols = ["chat"] },
            Deflate = new PerMessageDeflateOptions(),
        });

        var (head, _) = await SendAsync(server, RawPeer.UpgradeRequest(extra: $"{name}: {value}\r\n"), readToEnd: false);

        Assert.StartsWith("HTTP/1.1 101 ", head, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task H_S6_AtTheDefaultLimits_A64KiBListValue_IsRefusedBeforeItIsParsed()
    {
        await using var server = Loopback.StartServer();

        var (head, _) = await SendAsync(server, RawPeer.UpgradeRequest(extra: $"Sec-WebSocket-Protocol: {new string(',', 64 * 1024)}\r\n"));

        Assert.StartsWith("HTTP/1.1 431 ", head, StringComparison.Ordinal);
    }

    /// <summary>One byte every 100 ms: each read makes progress, yet the whole handshake has one deadline.</summary>
    [Fact(Timeout = 30_000)]
    public async Task H_S7_Slowloris_TricklingOneByteAtATime_IsCutOffAtTheHandshakeTimeout()
    {
        var timeout = TimeSpan.FromSeconds(1);
        await using var server = Loopback.StartServer(new WebSocketServerOptions { HandshakeTimeout = timeout });
        await using var peer = await RawPeer.ConnectAsync(server.Url);
        var request = Encoding.ASCII.GetBytes(RawPeer.UpgradeRequest());
        var clock = Stopwatch.StartNew();
        var answer = peer.ReadToEndAsync();
        var sent = 0;
        try
        {
            while (!answer.IsCompleted && sent < request.Length)
            {
                await peer.SendAsync(request[sent..(sent + 1)]);
                sent++;
                await Task.Delay(100);
            }
        }
        catch (IOException)
        {
            // The server closed the connection while we trickled: what the row expects.
        }

        Assert.Empty(await answer);
        Assert.True(sent < request.Length, "the server waited for the whole trickled request");
        Assert.True(clock.Elapsed >= timeout * 0.9, $"cut off after {clock.Elapsed}, before the timeout");
    }

    [Theory(Timeout = 20_000)]
    [InlineData("Origin: https://evil.example\r\n", false, "403")]
    [InlineData("Origin: null\r\n", false, "403")]
    [InlineData("Origin: https://app.example\r\nOrigin: https://evil.example\r\n", false, "403")]
    [InlineData("", false, "403")]
    [InlineData("", true, "101")]
    [InlineData("Origin: https://evil.example\r\n", true, "403")]
    [InlineData("Origin: https://APP.example\r\n", false, "101")]
    public async Task H_S8_OriginOutsideTheAllowList_Is403_AndAMissingOriginOnlyWhenAllowed(string origin, bool allowMissing, string status)
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions
        {
            Handshake = new ServerHandshakeOptions { AllowedOrigins = ["https://app.example"], AllowMissingOrigin = allowMissing },
        });

        var (head, _) = await SendAsync(server, RawPeer.UpgradeRequest(extra: origin), readToEnd: false);

        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
    }

    /// <summary>Half-open handshakes past the limit are dropped at once; the slots free up when they end.</summary>
    [Fact(Timeout = 30_000)]
    public async Task H_S9_HalfOpenHandshakes_AreBoundedByMaxPendingHandshakes()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { MaxPendingHandshakes = 3, HandshakeTimeout = TimeSpan.FromMinutes(1) });
        var halfOpen = new List<RawPeer>();
        for (var i = 0; i < 3; i++)
        {
            var peer = await RawPeer.ConnectAsync(server.Url);
            await peer.SendAsync("GET / HTTP/1.1\r\n"u8.ToArray());
            halfOpen.Add(peer);
        }

        await using (var oneTooMany = await RawPeer.ConnectAsync(server.Url))
        {
            Assert.Empty(await oneTooMany.ReadToEndAsync());
        }

        foreach (var peer in halfOpen)
        {
            await peer.DisposeAsync();
        }

        await AssertStillServesAsync(server);
    }

    /// <summary>Sends <paramref name="request"/> from a raw socket; the response head and, when asked, all that follows until the server closes.</summary>
    private static async Task<(string Head, byte[] Body)> SendAsync(WebSocketServer server, string request, bool readToEnd = true)
    {
        await using var peer = await RawPeer.ConnectAsync(server.Url);
        var head = await peer.RequestAsync(request);
        return (head, readToEnd ? await peer.ReadToEndAsync() : []);
    }

    /// <summary>A refused or dropped peer leaves the server as it was: a valid client still gets in (retrying while slots free up).</summary>
    private static async Task AssertStillServesAsync(WebSocketServer server)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var peer = await RawPeer.ConnectAsync(server.Url);
            var head = await peer.RequestAsync(RawPeer.UpgradeRequest());
            if (head.StartsWith("HTTP/1.1 101 ", StringComparison.Ordinal))
            {
                // Closed at once: the raw peer does not answer a closing handshake.
                (await server.AcceptAsync()).Abort();
                return;
            }

            Assert.True(attempt < 50, "the server no longer accepts valid clients");
            await Task.Delay(100);
        }
    }
}
