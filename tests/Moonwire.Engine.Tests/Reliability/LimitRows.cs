using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows L-1…L-6 (docs/reliability.md): message and fragment limits, backpressure both ways,
/// and keepalive, over loopback sockets against raw-socket peers and our own client and server.
/// </summary>
public sealed class LimitRows
{
    private const int Limit = 64 * 1024;
    private static readonly WebSocketOptions Limited = new() { MaxMessageBytes = Limit };

    /// <summary>The table in docs/reliability.md, as the code has it.</summary>
    [Fact]
    public void SafeDefaults_AreTheDocumentedOnes()
    {
        var connection = new WebSocketOptions();
        var server = new WebSocketServerOptions();
        var client = new WebSocketClientOptions();

        Assert.Equal(1 << 20, connection.MaxMessageBytes);
        Assert.Equal(131_072, connection.MaxFragments);
        Assert.Equal(TimeSpan.FromSeconds(10), connection.CloseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), connection.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), connection.KeepAliveTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), connection.SendTimeout);
        Assert.Equal(1 << 20, connection.MaxBufferedSendBytes);
        Assert.Equal(TimeSpan.FromSeconds(10), server.HandshakeTimeout);
        Assert.Equal((32 * 1024, 8 * 1024, 100), (server.RequestLimits.MaxHeadBytes, server.RequestLimits.MaxHeaderLineBytes, server.RequestLimits.MaxHeaderCount));
        Assert.Equal(1024, server.MaxPendingHandshakes);
        Assert.Null(server.Handshake.AllowedOrigins);
        Assert.Null(server.Deflate);
        Assert.Equal(TimeSpan.FromSeconds(10), client.HandshakeTimeout);
        Assert.Equal(64 * 1024, client.ResponseLimits.MaxHeadBytes);
        Assert.False(client.Tls.DangerousAcceptAnyServerCertificate || client.Tls.DangerousAllowHostNameMismatch);
    }

    /// <summary>The oversized frame is refused from its header: the peer never sends a payload byte.</summary>
    [Fact(Timeout = 20_000)]
    public async Task L_1_OversizedSingleFrame_Is1009_DecidedFromTheHeader()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = Limited });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var receiving = accepted.ReceiveAsync().AsTask();

        await peer.SendAsync(RawFrame.Build(0x2, new byte[Limit + 1])[..14]);

        Assert.Equal(CloseCode.MessageTooBig, await peer.ReadCloseCodeAsync());
        Assert.Equal(CloseCode.MessageTooBig, (await receiving).CloseCode);
    }

    /// <summary>Fragments up to the limit keep the connection open (a ping is answered); the byte past it is 1009.</summary>
    [Fact(Timeout = 20_000)]
    public async Task L_1_OversizedFragmentedMessage_Is1009_AtTheFragmentThatPassesTheLimit()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = Limited });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var received = new List<MessageKind>();
        var receiving = ReceiveUntilCloseAsync(accepted, received);

        var quarter = new byte[Limit / 4];
        await peer.SendAsync(RawFrame.Build(0x2, quarter, fin: false));
        for (var i = 0; i < 3; i++)
        {
            await peer.SendAsync(RawFrame.Build(0x0, quarter, fin: false));
        }

        await peer.SendAsync(RawFrame.Build(0x9, "still open?"u8));
        var pong = await peer.ReadFrameAsync();
        await peer.SendAsync(RawFrame.Build(0x0, [1], fin: true));

        Assert.Equal((0xA, "still open?"), (pong!.Value.Opcode, System.Text.Encoding.UTF8.GetString(pong.Value.Payload)));
        Assert.Equal(CloseCode.MessageTooBig, await peer.ReadCloseCodeAsync());
        Assert.Equal(CloseCode.MessageTooBig, await receiving);
        Assert.Equal([MessageKind.Ping], received);
    }

    [Fact(Timeout = 20_000)]
    public async Task L_1_OversizedFrameToOurClient_Is1009()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = RawPeer.AcceptUpgradeAsync(listener);
        await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            new WebSocketClientOptions { Connection = Limited });
        await using var server = await accepting;

        await server.SendAsync(RawFrame.Build(0x1, new byte[Limit + 1], mask: false)[..10]);

        Assert.Equal(CloseCode.MessageTooBig, (await client.ReceiveAsync()).CloseCode);
        var close = await server.ReadMaskedFrameAsync();
        Assert.Equal(CloseCode.MessageTooBig, BinaryPrimitives.ReadUInt16BigEndian(close!.Payload));
    }

    [Theory(Timeout = 20_000)]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task L_2_MessageOfExactlyTheLimit_IsAccepted_WholeOrFragmented(int fragmentBytes)
    {
        await using var pair = await Loopback.OpenAsync(new WebSocketServerOptions { Connection = Limited },
            new WebSocketClientOptions { Connection = Limited with { FragmentBytes = fragmentBytes } });
        var payload = Payloads.Of(Limit, text: false);

        await pair.Client.SendAsync(payload, isText: false);
        var message = await pair.Accepted.ReceiveAsync();

        Assert.Equal(MessageKind.Binary, message.Kind);
        Assert.Equal(payload, message.Payload.ToArray());
    }

    /// <summary>131 072 empty fragments make a message (the limit); one more is 1008 (ws' maxFragments, CVE-2026-48779).</summary>
    [Fact(Timeout = 60_000)]
    public async Task L_3_FloodOfEmptyFragments_Is1008_PastTheFragmentLimit()
    {
        var limit = new WebSocketOptions().MaxFragments;
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();

        await peer.SendAsync(EmptyFragments(limit));
        var atTheLimit = await accepted.ReceiveAsync();
        await peer.SendAsync(EmptyFragments(limit + 1));

        Assert.Equal((MessageKind.Text, 0), (atTheLimit.Kind, atTheLimit.Payload.Length));
        Assert.Equal(CloseCode.PolicyViolation, (await accepted.ReceiveAsync()).CloseCode);
        Assert.Equal(CloseCode.PolicyViolation, await peer.ReadCloseCodeAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task L_3_MessageInOneByteTcpChunks_IsDelivered()
    {
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var wire = RawFrame.Build(0x1, "Hello, "u8, fin: false).Concat(RawFrame.Build(0x0, "fragmented "u8, fin: false))
            .Concat(RawFrame.Build(0x0, "world"u8)).ToArray();

        var receiving = accepted.ReceiveAsync().AsTask();
        foreach (var b in wire)
        {
            await peer.SendAsync([b]);
        }

        Assert.Equal("Hello, fragmented world", (await receiving).Text);
        accepted.Abort();
    }

    /// <summary>
    /// The engine reads only when the application receives: a server that does not receive lets TCP push
    /// back, so the sender stalls after the socket buffers fill, and nothing is lost or reordered.
    /// </summary>
    [Fact(Timeout = 120_000)]
    public async Task L_4_SlowReader_PushesBackThroughTcp_AndLosesNothing()
    {
        await using var pair = await Loopback.OpenAsync(new WebSocketServerOptions { Connection = Limited });
        var message = new byte[Limit];
        var sent = 0;
        Task stalled;
        while (true)
        {
            BinaryPrimitives.WriteInt32BigEndian(message, sent);
            var sending = pair.Client.SendAsync(message, isText: false).AsTask();
            sent++;
            if (!await CompletesWithinAsync(sending, TimeSpan.FromSeconds(2)))
            {
                stalled = sending;
                break;
            }

            await sending;
            Assert.True(sent < 4096, "256 MiB went out to a server that reads nothing: no backpressure");
        }

        for (var i = 0; i < sent; i++)
        {
            var received = await pair.Accepted.ReceiveAsync();
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(received.Payload.Span));
        }

        await stalled;
    }

    /// <summary>A peer that never reads: sends wait (bounded by the socket buffers), then fail at the send timeout.</summary>
    [Fact(Timeout = 120_000)]
    public async Task L_5_PeerThatNeverReads_FailsTheSendAtTheSendTimeout_WithBoundedBuffering()
    {
        var timeout = TimeSpan.FromSeconds(1);
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = new WebSocketOptions { SendTimeout = timeout } });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var message = new byte[Limit];
        var sent = 0;

        var error = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            while (true)
            {
                await accepted.SendAsync(message, isText: false);
                Assert.True(++sent < 4096, "256 MiB buffered for a peer that reads nothing");
            }
        });

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Closed, accepted.State);
        Assert.Equal("send timed out", accepted.CloseMessage!.Value.CloseReason);
        await Assert.ThrowsAsync<WebSocketException>(() => accepted.SendAsync(message, isText: false).AsTask());
    }

    [Fact(Timeout = 20_000)]
    public async Task L_6_PeerThatStopsAnswering_IsFailedWith1011_AfterThePongTimeout()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = KeepAlive(100, 300) });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var receiving = accepted.ReceiveAsync().AsTask();

        var ping = await peer.ReadFrameAsync();

        Assert.Equal(0x9, ping!.Value.Opcode);
        Assert.Equal(CloseCode.InternalError, await peer.ReadCloseCodeAsync());
        Assert.Equal((CloseCode.InternalError, "keepalive ping timeout"), ((await receiving).CloseCode, (await receiving).CloseReason));
    }

    /// <summary>Our client answers every keepalive ping; the server's application never sees those pongs.</summary>
    [Fact(Timeout = 30_000)]
    public async Task L_6_AnsweredKeepAlive_KeepsTheConnectionOpen_AndItsPongsStayInside()
    {
        // A pong timeout well above a loopback round trip on a loaded machine; each round waits it out, so ten take ~10 s.
        await using var pair = await Loopback.OpenAsync(new WebSocketServerOptions { Connection = KeepAlive(50, 1_000) },
            new WebSocketClientOptions { Connection = new WebSocketOptions { KeepAliveInterval = null } });
        var serverReceive = pair.Accepted.ReceiveAsync().AsTask();

        for (var pings = 0; pings < 10;)
        {
            var message = await pair.Client.ReceiveAsync();
            Assert.NotEqual(MessageKind.Close, message.Kind);
            pings += message.Kind == MessageKind.Ping ? 1 : 0;
        }

        Assert.False(serverReceive.IsCompleted, "a keepalive pong reached the application");
        Assert.Equal((WebSocketState.Open, WebSocketState.Open), (pair.Accepted.State, pair.Client.State));
        await pair.Client.SendTextAsync("after the pings");
        Assert.Equal("after the pings", (await serverReceive).Text);
    }

    /// <summary>
    /// Pongs are only seen while someone receives: a connection nobody reads from is not failed for missing
    /// pongs; once a receive waits across a whole ping, the silent peer is found.
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task L_6_ConnectionNobodyReadsFrom_IsJudgedOnlyOnceAReceiveWaits()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = KeepAlive(50, 100) });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();

        await Task.Delay(1000);
        Assert.Equal(WebSocketState.Open, accepted.State);

        Assert.Equal(CloseCode.InternalError, (await accepted.ReceiveAsync()).CloseCode);
    }

    private static WebSocketOptions KeepAlive(int intervalMs, int timeoutMs) =>
        new() { KeepAliveInterval = TimeSpan.FromMilliseconds(intervalMs), KeepAliveTimeout = TimeSpan.FromMilliseconds(timeoutMs) };

    /// <summary>One empty text message in <paramref name="count"/> masked frames (6 bytes each).</summary>
    private static byte[] EmptyFragments(int count)
    {
        var wire = new byte[count * 6];
        for (var i = 0; i < count; i++)
        {
            wire[i * 6] = (byte)((i == count - 1 ? 0x80 : 0) | (i == 0 ? 0x1 : 0x0));
            wire[(i * 6) + 1] = 0x80;
            RawFrame.MaskKey.CopyTo(wire, (i * 6) + 2);
        }

        return wire;
    }

    private static async Task<ushort> ReceiveUntilCloseAsync(WebSocketConnection connection, List<MessageKind> received)
    {
        while (true)
        {
            var message = await connection.ReceiveAsync();
            if (message.Kind == MessageKind.Close)
            {
                return message.CloseCode;
            }

            received.Add(message.Kind);
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan time) =>
        await Task.WhenAny(task, Task.Delay(time)) == task;
}
