using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Net;

/// <summary>Connections over real loopback sockets: closing handshake (RFC 6455 §7), control frames, faults, sending.</summary>
public sealed class ConnectionTests
{
    [Fact(Timeout = 20_000)]
    public async Task Section7_1_2_ClientStartsClose_BothSidesSeeItAndEndClosed()
    {
        await using var pair = await Loopback.OpenAsync();
        var serverSide = pair.Accepted.ReceiveAsync().AsTask();

        await pair.Client.CloseAsync(4000, "bye");

        var received = await serverSide;
        Assert.Equal((MessageKind.Close, (ushort)4000, "bye"), (received.Kind, received.CloseCode, received.CloseReason));
        Assert.Equal(WebSocketState.Closed, pair.Client.State);
        Assert.Equal(WebSocketState.Closed, pair.Accepted.State);
        Assert.Equal((ushort)4000, pair.Client.CloseMessage?.CloseCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task Section7_1_2_ServerStartsClose_ClientGetsTheCode()
    {
        await using var pair = await Loopback.OpenAsync();
        var clientSide = pair.Client.ReceiveAsync().AsTask();

        await pair.Accepted.CloseAsync(CloseCode.GoingAway, "restart");

        var received = await clientSide;
        Assert.Equal((MessageKind.Close, CloseCode.GoingAway, "restart"), (received.Kind, received.CloseCode, received.CloseReason));
        Assert.Equal(WebSocketState.Closed, pair.Accepted.State);
    }

    [Fact(Timeout = 20_000)]
    public async Task Section5_5_2_Ping_IsAnsweredWithAnIdenticalPong_AndReported()
    {
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var received = accepted.ReceiveAsync().AsTask();

        await peer.SendAsync(RawFrame.Build(0x9, "are you there?"u8));

        var pong = await peer.ReadFrameAsync();
        Assert.Equal(0xA, pong!.Value.Opcode);
        Assert.Equal("are you there?"u8.ToArray(), pong.Value.Payload);
        Assert.Equal(MessageKind.Ping, (await received).Kind);
        accepted.Abort();
    }

    [Theory(Timeout = 20_000)]
    [InlineData("unmasked", CloseCode.ProtocolError)]
    [InlineData("reserved-opcode", CloseCode.ProtocolError)]
    [InlineData("bad-utf8", CloseCode.InvalidPayload)]
    [InlineData("too-big", CloseCode.MessageTooBig)]
    public async Task Section7_1_7_Faults_FailTheConnection_WithTheirCode_ThenTheServerClosesTcp(string fault, ushort expected)
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = new WebSocketOptions { MaxMessageBytes = 1000 } });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var received = accepted.ReceiveAsync().AsTask();

        await peer.SendAsync(fault switch
        {
            "unmasked" => RawFrame.Build(0x1, "x"u8, mask: false),
            "reserved-opcode" => RawFrame.Build(0x3, "x"u8),
            "bad-utf8" => RawFrame.Build(0x1, [0xC0, 0xAF]),
            _ => RawFrame.Build(0x2, new byte[1001]),
        });

        Assert.Equal(expected, await peer.ReadCloseCodeAsync());
        Assert.True(await peer.IsClosedByPeerAsync());
        var close = await received;
        Assert.Equal(expected, close.CloseCode);
        Assert.NotEqual(WebSocketFault.None, close.Fault);
        Assert.Equal(WebSocketState.Closed, accepted.State);
    }

    [Fact(Timeout = 20_000)]
    public async Task Section5_5_1_PeersClose_IsEchoedWithItsCode_AndTheServerClosesTcp()
    {
        await using var server = Loopback.StartServer();
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        var received = accepted.ReceiveAsync().AsTask();

        await peer.SendAsync(RawFrame.Close(3001, "done"));

        Assert.Equal(3001, await peer.ReadCloseCodeAsync());
        Assert.True(await peer.IsClosedByPeerAsync());
        Assert.Equal((ushort)3001, (await received).CloseCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task DroppedTcp_IsReportedAs1006_AndEveryLaterReceiveSaysTheSame()
    {
        await using var server = Loopback.StartServer();
        var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();
        await peer.SendAsync(RawFrame.Build(0x1, "half a frame"u8)[..5]);

        await peer.DisposeAsync();

        Assert.Equal(CloseCode.Abnormal, (await accepted.ReceiveAsync()).CloseCode);
        Assert.Equal(CloseCode.Abnormal, (await accepted.ReceiveAsync()).CloseCode);
        Assert.Equal(WebSocketState.Closed, accepted.State);
    }

    [Fact(Timeout = 30_000)]
    public async Task Burst_OfMessages_IsEchoedInOrder()
    {
        await using var server = EchoServer.Start(deflate: false);
        await using var client = await WebSocketClient.ConnectAsync(server.Url);
        const int count = 5000;

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await client.SendAsync(Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), isText: true);
            }
        });
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), (await client.ReceiveAsync()).Text);
        }

        await sending;
    }

    [Fact(Timeout = 60_000)]
    public async Task Burst_OfSmallAndLargeMessages_IsEchoedInOrder_ByteForByte()
    {
        // The server sends payloads of 64 KiB and more from the caller's memory, behind whatever small
        // echoes are still corked: nothing may overtake or split them.
        await using var server = EchoServer.Start(deflate: false);
        await using var client = await WebSocketClient.ConnectAsync(server.Url, new WebSocketClientOptions
        {
            Connection = new WebSocketOptions { MaxMessageBytes = 1 << 20 },
        });
        int[] sizes = [16, 64 * 1024, 3, 64 * 1024 - 1, 200_000, 1, 1 << 20, 64 * 1024 + 1, 0];
        var random = new Random(11);
        var messages = Enumerable.Range(0, 300).Select(i => new byte[sizes[i % sizes.Length]]).ToArray();
        Array.ForEach(messages, random.NextBytes);

        var sending = Task.Run(async () =>
        {
            foreach (var message in messages)
            {
                await client.SendAsync(message, isText: false);
            }
        });
        foreach (var message in messages)
        {
            var echo = await client.ReceiveAsync();
            Assert.True(message.AsSpan().SequenceEqual(echo.Payload.Span));
        }

        await sending;
    }

    [Theory(Timeout = 60_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FullDuplexFlood_OfLargeMessages_NeverDeadlocks(bool pings)
    {
        // Both directions fill their socket buffers: a receive loop that waited for a sender stuck on a
        // full socket (to flush or to pong) would hang both peers.
        await using var server = EchoServer.Start(deflate: false);
        await using var client = await WebSocketClient.ConnectAsync(server.Url, new WebSocketClientOptions
        {
            Connection = new WebSocketOptions { MaxMessageBytes = 1 << 20 },
        });
        const int count = 256;
        var payload = Payloads.Of(64 * 1024, text: false);

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await client.SendAsync(payload, isText: false);
                if (pings)
                {
                    await client.PingAsync("p"u8.ToArray());
                }
            }
        });
        for (var echoed = 0; echoed < count;)
        {
            var message = await client.ReceiveAsync();
            Assert.NotEqual(MessageKind.Close, message.Kind);
            if (message.Kind == MessageKind.Binary)
            {
                Assert.Equal(payload.Length, message.Payload.Length);
                echoed++;
            }
        }

        await sending;
    }

    [Fact(Timeout = 30_000)]
    public async Task ConcurrentSenders_NeverInterleaveFrames()
    {
        await using var pair = await Loopback.OpenAsync();
        const int senders = 8;
        const int each = 300;

        var sending = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await pair.Client.SendAsync(Payloads.Of(1000 + s, text: false), isText: false);
            }
        })).ToArray();
        var counts = new int[senders];
        for (var i = 0; i < senders * each; i++)
        {
            var message = await pair.Accepted.ReceiveAsync();
            var sender = message.Payload.Length - 1000;
            Assert.True(Payloads.Of(1000 + sender, text: false).AsSpan().SequenceEqual(message.Payload.Span));
            counts[sender]++;
        }

        await Task.WhenAll(sending);
        Assert.All(counts, c => Assert.Equal(each, c));
    }

    [Fact(Timeout = 20_000)]
    public async Task Section5_5_1_NoDataAfterClose_SendThrows()
    {
        await using var pair = await Loopback.OpenAsync();
        var answering = pair.Accepted.ReceiveAsync().AsTask();
        await pair.Client.CloseAsync();

        await Assert.ThrowsAsync<WebSocketException>(() => pair.Client.SendTextAsync("late").AsTask());
        Assert.Equal(MessageKind.Close, (await answering).Kind);
    }

    [Theory(Timeout = 20_000)]
    [InlineData(1005, "")]
    [InlineData(999, "")]
    [InlineData(1000, "this reason is far too long for a close frame, which allows 123 bytes of UTF-8 after the code; this one keeps going on and on, past the limit")]
    public async Task Section5_5_1_CloseWithAnInvalidCodeOrReason_IsRejectedBeforeSending(int code, string reason)
    {
        await using var pair = await Loopback.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => pair.Client.CloseAsync((ushort)code, reason));
        Assert.Equal(WebSocketState.Open, pair.Client.State);
    }

    [Fact(Timeout = 20_000)]
    public async Task Section7_1_1_PeerThatNeverAnswersClose_IsCutOffAtTheCloseTimeout()
    {
        await using var server = Loopback.StartServer(new WebSocketServerOptions { Connection = new WebSocketOptions { CloseTimeout = TimeSpan.FromMilliseconds(300) } });
        await using var peer = await RawPeer.OpenAsync(server.Url);
        await using var accepted = await server.AcceptAsync();

        await accepted.CloseAsync();

        Assert.Equal(WebSocketState.Closed, accepted.State);
        Assert.Equal(1000, await peer.ReadCloseCodeAsync());
        Assert.True(await peer.IsClosedByPeerAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task StoppingTheServer_ClosesEveryClientWith1001()
    {
        var server = Loopback.StartServer();
        await using var a = await WebSocketClient.ConnectAsync(server.Url);
        await using var b = await WebSocketClient.ConnectAsync(server.Url);
        _ = await server.AcceptAsync();
        _ = await server.AcceptAsync();
        var closes = new[] { a.ReceiveAsync().AsTask(), b.ReceiveAsync().AsTask() };

        await server.DisposeAsync();

        Assert.All(await Task.WhenAll(closes), m => Assert.Equal(CloseCode.GoingAway, m.CloseCode));
        Assert.Equal(0, server.ConnectionCount);
    }
}
