using System.Buffers.Binary;
using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>Reliability rows P-1..P-5: control frames and fragmentation (RFC 6455 §5.4, §5.5), both roles.</summary>
public sealed class ControlRows
{
    private const int Timeout = 30_000;

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "ping 126")]
    [InlineData(Role.Client, "ping 126")]
    [InlineData(Role.Server, "pong 126")]
    [InlineData(Role.Client, "pong 126")]
    [InlineData(Role.Server, "close 126")]
    [InlineData(Role.Client, "close 126")]
    [InlineData(Role.Server, "fragmented ping")]
    [InlineData(Role.Client, "fragmented ping")]
    [InlineData(Role.Server, "fragmented pong")]
    [InlineData(Role.Client, "fragmented pong")]
    public async Task P_1_OversizedOrFragmentedControlFrame_Fails1002(Role engine, string frame)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();
        var closeWithLongReason = new byte[126];
        BinaryPrimitives.WriteUInt16BigEndian(closeWithLongReason, CloseCode.Normal);
        closeWithLongReason.AsSpan(2).Fill((byte)'r');

        await s.Peer.SendAsync(frame switch
        {
            "ping 126" => s.Frame(0x9, new byte[126]),
            "pong 126" => s.Frame(0xA, new byte[126]),
            "close 126" => s.Frame(0x8, closeWithLongReason),
            "fragmented ping" => FramingRows.Concat(s.Frame(0x9, "a"u8, fin: false), s.Frame(0x0, "b"u8)),
            _ => FramingRows.Concat(s.Frame(0xA, "a"u8, fin: false), s.Frame(0x0, "b"u8)),
        });

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task P_2_PingBetweenFragments_IsAnsweredAtOnce_AndTheMessageStillArrives(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x1, "Hello, "u8, fin: false), s.Frame(0x9, "mid-message"u8)));
        // The pong comes before the message is complete: the last fragment has not even been sent.
        var pong = await s.Peer.ReadRawFrameAsync();
        await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0x0, "world"u8), s.Close(CloseCode.Normal)));

        Assert.Equal((0xA, "mid-message"), (pong!.Opcode, Encoding.UTF8.GetString(pong.Payload)));
        var seen = await application;
        Assert.Equal(
            [(MessageKind.Ping, "mid-message"), (MessageKind.Text, "Hello, world"), (MessageKind.Close, "")],
            seen.Select(m => (m.Kind, m.Kind == MessageKind.Close ? "" : Encoding.UTF8.GetString(m.Payload))));
        Assert.Equal(CloseCode.Normal, seen[^1].CloseCode);
        Assert.Equal(CloseCode.Normal, await s.Peer.ReadCloseCodeAsync());
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task P_3_UnsolicitedPong_IsIgnored(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine);

        await s.Peer.SendAsync(FramingRows.Concat(s.Frame(0xA, []), s.Frame(0xA, "unasked"u8), s.Frame(0x9, "after"u8)));

        Assert.Equal([MessageKind.Pong, MessageKind.Pong, MessageKind.Ping], [(await s.ReceiveAsync()).Kind, (await s.ReceiveAsync()).Kind, (await s.ReceiveAsync()).Kind]);
        // The first thing the peer gets back answers its ping: nothing answered the pongs.
        var reply = await s.Peer.ReadRawFrameAsync();
        Assert.Equal((0xA, "after"), (reply!.Opcode, Encoding.UTF8.GetString(reply.Payload)));
        Assert.Equal(WebSocketState.Open, s.Engine.State);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task P_4_PingFlood_WhileAWriteIsStalled_CostsAFewKiBOfPongs_TheLastForTheLatestPing(Role engine)
    {
        const int pings = 10_000;
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { MaxMessageBytes = 64 << 20 });

        // A message larger than the socket buffers, which the peer does not read yet: its write stays under
        // way, so the pongs wait (the peer reads it first, below). Unbounded, that would be one pending pong per ping.
        var big = s.Engine.SendAsync(new byte[32 << 20], isText: false).AsTask();
        await Task.Delay(200);
        var counting = Task.Run(async () =>
        {
            var seen = 0;
            while (seen < pings)
            {
                var message = await s.Engine.ReceiveAsync();
                Assert.Equal(MessageKind.Ping, message.Kind);
                seen++;
            }
        });
        await s.Peer.SendAsync([.. Enumerable.Range(0, pings).SelectMany(i => s.Frame(0x9, PingPayload(i)))]);
        await counting;

        Assert.Equal(32 << 20, (await s.Peer.ReadRawFrameAsync())!.Payload.Length);
        await big;
        // Pongs for the first pings, in order, up to the engine's 4 KiB, then one for the latest ping.
        var answered = new List<byte[]>();
        do
        {
            var pong = await s.Peer.ReadRawFrameAsync();
            Assert.Equal(0xA, pong!.Opcode);
            answered.Add(pong.Payload);
        }
        while (!answered[^1].AsSpan().SequenceEqual(PingPayload(pings - 1)));
        Assert.InRange(answered.Count, 2, 4096 / 125 + 2);
        Assert.Equal([.. Enumerable.Range(0, answered.Count - 1).Select(PingPayload)], answered[..^1]);
        // Nothing stale is queued behind it: the next reply answers the next ping.
        var receiving = s.Engine.ReceiveAsync().AsTask();
        await s.Peer.SendAsync(s.Frame(0x9, "after"u8));
        Assert.Equal(MessageKind.Ping, (await receiving).Kind);
        var next = await s.Peer.ReadRawFrameAsync();
        Assert.Equal((0xA, "after"), (next!.Opcode, Encoding.UTF8.GetString(next.Payload)));
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, "continuation fin=1")]
    [InlineData(Role.Client, "continuation fin=1")]
    [InlineData(Role.Server, "continuation fin=0")]
    [InlineData(Role.Client, "continuation fin=0")]
    [InlineData(Role.Server, "text inside text")]
    [InlineData(Role.Client, "text inside text")]
    [InlineData(Role.Server, "binary inside text")]
    [InlineData(Role.Client, "binary inside text")]
    public async Task P_5_OrphanContinuationOrNestedDataFrame_Fails1002(Role engine, string shape)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(shape switch
        {
            "continuation fin=1" => s.Frame(0x0, "orphan"u8),
            "continuation fin=0" => s.Frame(0x0, "orphan"u8, fin: false),
            "text inside text" => FramingRows.Concat(s.Frame(0x1, "a"u8, fin: false), s.Frame(0x1, "b"u8)),
            _ => FramingRows.Concat(s.Frame(0x1, "a"u8, fin: false), s.Frame(0x2, "b"u8)),
        });

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
        Assert.Single(await application);
    }

    /// <summary>125 bytes that name their ping.</summary>
    private static byte[] PingPayload(int index)
    {
        var payload = new byte[125];
        BinaryPrimitives.WriteInt32BigEndian(payload, index);
        return payload;
    }
}
