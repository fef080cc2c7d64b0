using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

/// <summary>
/// Reliability rows F-1..F-9 (docs/reliability.md): hostile frame headers and stream shapes, over
/// real loopback sockets, with the engine as server (raw client) and as client (raw server).
/// </summary>
public sealed class FramingRows
{
    private const int Timeout = 30_000;

    [Theory(Timeout = Timeout)]
    [InlineData("text")]
    [InlineData("ping")]
    [InlineData("close")]
    [InlineData("empty binary")]
    [InlineData("header only")]
    public async Task F_1_UnmaskedClientFrame_ServerFailsWith1002(string frame)
    {
        await using var s = await RawSession.OpenAsync(Role.Server);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(frame switch
        {
            "text" => RawFrame.Build(0x1, "x"u8, mask: false),
            "ping" => RawFrame.Build(0x9, "p"u8, mask: false),
            "close" => RawFrame.Close(CloseCode.Normal, mask: false),
            "empty binary" => RawFrame.Build(0x2, [], mask: false),
            // Only the 2-byte header of a 5-byte text frame: the verdict must not wait for payload.
            _ => [0x81, 0x05],
        });

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
        Assert.Equal(WebSocketFault.UnmaskedClientFrame, (await application)[^1].Fault);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("text")]
    [InlineData("ping")]
    [InlineData("close")]
    [InlineData("empty binary")]
    [InlineData("header only")]
    public async Task F_2_MaskedServerFrame_ClientFailsWith1002(string frame)
    {
        await using var s = await RawSession.OpenAsync(Role.Client);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(frame switch
        {
            "text" => RawFrame.Build(0x1, "x"u8),
            "ping" => RawFrame.Build(0x9, "p"u8),
            "close" => RawFrame.Close(CloseCode.Normal),
            "empty binary" => RawFrame.Build(0x2, []),
            // A 5-byte text frame's header and mask key, no payload.
            _ => RawFrame.Build(0x1, [], announcedLength: 5),
        });

        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
        Assert.Equal(WebSocketFault.MaskedServerFrame, (await application)[^1].Fault);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, long.MinValue, CloseCode.ProtocolError)]
    [InlineData(Role.Client, long.MinValue, CloseCode.ProtocolError)]
    [InlineData(Role.Server, -1L, CloseCode.ProtocolError)]
    [InlineData(Role.Client, -1L, CloseCode.ProtocolError)]
    [InlineData(Role.Server, long.MaxValue, CloseCode.MessageTooBig)]
    [InlineData(Role.Client, long.MaxValue, CloseCode.MessageTooBig)]
    [InlineData(Role.Server, 1L << 30, CloseCode.MessageTooBig)]
    [InlineData(Role.Client, 1L << 30, CloseCode.MessageTooBig)]
    public async Task F_3_HugeOrNegativeLength_IsJudgedFromTheHeaderAlone(Role engine, long announced, ushort expected)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        // Only the header: an engine that allocated or waited for the announced payload would never answer.
        await s.Peer.SendAsync(RawFrame.Build(0x2, [], announced, mask: s.PeerMasks, forceLengthBytes: 8));

        await s.AssertFailedWithAsync(expected, application);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, 2)]
    [InlineData(Role.Client, 2)]
    [InlineData(Role.Server, 8)]
    [InlineData(Role.Client, 8)]
    public async Task F_4_NonMinimalLengthEncoding_IsAccepted(Role engine, int lengthBytes)
    {
        await using var s = await RawSession.OpenAsync(engine);

        await s.Peer.SendAsync(s.Frame(0x1, "hello"u8, forceLengthBytes: lengthBytes));

        var seen = await s.ReceiveAsync();
        Assert.Equal((MessageKind.Text, "hello"), (seen.Kind, Encoding.UTF8.GetString(seen.Payload)));
        Assert.Equal(WebSocketState.Open, s.Engine.State);
    }

    public static TheoryData<Role, int, int> ReservedBits()
    {
        var data = new TheoryData<Role, int, int>();
        foreach (var role in new[] { Role.Server, Role.Client })
        {
            for (var rsv = 1; rsv <= 7; rsv++)
            {
                data.Add(role, rsv, 0x1);
            }

            data.Add(role, 4, 0x9);
            data.Add(role, 2, 0x8);
        }

        return data;
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(ReservedBits))]
    public async Task F_5_ReservedBitsWithoutExtension_Fail1002Immediately(Role engine, int rsv, int opcode)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(Concat(s.Frame(0x1, "before"u8), s.Frame(opcode, opcode == 0x8 ? [0x03, 0xE8] : "bad"u8, rsv: rsv), s.Frame(0x9, "after"u8)));

        await AssertFailedAfterValidMessageAsync(s, application);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, 3)]
    [InlineData(Role.Server, 4)]
    [InlineData(Role.Server, 5)]
    [InlineData(Role.Server, 6)]
    [InlineData(Role.Server, 7)]
    [InlineData(Role.Server, 11)]
    [InlineData(Role.Server, 12)]
    [InlineData(Role.Server, 13)]
    [InlineData(Role.Server, 14)]
    [InlineData(Role.Server, 15)]
    [InlineData(Role.Client, 3)]
    [InlineData(Role.Client, 7)]
    [InlineData(Role.Client, 11)]
    [InlineData(Role.Client, 15)]
    public async Task F_6_ReservedOpcode_Fails1002Immediately(Role engine, int opcode)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var application = s.ReceiveUntilClosedAsync();

        await s.Peer.SendAsync(Concat(s.Frame(0x1, "before"u8), s.Frame(opcode, "x"u8), s.Frame(0x9, "after"u8)));

        await AssertFailedAfterValidMessageAsync(s, application);
        Assert.Equal(WebSocketFault.ReservedOpcode, (await application)[^1].Fault);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task F_7_OneByteAtATime_AndAllAtOnce_GiveIdenticalResults(Role engine)
    {
        var atOnce = await RunScriptedStreamAsync(engine, trickle: false);
        var trickled = await RunScriptedStreamAsync(engine, trickle: true);

        Assert.Equal(Describe(atOnce.Seen), Describe(trickled.Seen));
        Assert.Equal(Describe(atOnce.Replies), Describe(trickled.Replies));
        Assert.Equal(
            ["Ping:mid", "Text:κόσμε 😀!", "Binary:300", "Pong:", "Close:1000"],
            Describe(atOnce.Seen));
        Assert.Equal(["10:mid", "8:1000"], Describe(atOnce.Replies));
    }

    public static TheoryData<Role, int, bool> Boundaries()
    {
        var data = new TheoryData<Role, int, bool>();
        foreach (var role in new[] { Role.Server, Role.Client })
        {
            foreach (var size in new[] { 0, 125, 126, 127, 128, 65_535, 65_536 })
            {
                data.Add(role, size, false);
                data.Add(role, size, true);
            }

            data.Add(role, 16 << 20, false);
        }

        return data;
    }

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Boundaries))]
    public async Task F_8_PayloadLengthBoundaries_AreEchoedExactly(Role engine, int size, bool text)
    {
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { MaxMessageBytes = 16 << 20 });
        var payload = Payloads.Of(size, text);

        // Large frames outgrow the socket buffers: each side reads while the other writes.
        var receiving = s.ReceiveAsync();
        await s.Peer.SendAsync(s.Frame(text ? 0x1 : 0x2, payload));
        var seen = await receiving;
        var reading = s.Peer.ReadRawFrameAsync();
        await s.Engine.SendAsync(seen.Payload, seen.Kind == MessageKind.Text);
        var echo = await reading;

        Assert.Equal(text ? MessageKind.Text : MessageKind.Binary, seen.Kind);
        Assert.Equal((true, text ? 0x1 : 0x2, !s.PeerMasks), (echo!.Fin, echo.Opcode, echo.Masked));
        Assert.True(payload.AsSpan().SequenceEqual(echo.Payload));
    }

    [Theory(Timeout = Timeout)]
    [InlineData(Role.Server, 1)]
    [InlineData(Role.Client, 1)]
    [InlineData(Role.Server, 3)]
    [InlineData(Role.Client, 3)]
    [InlineData(Role.Server, 12)]
    [InlineData(Role.Client, 12)]
    public async Task F_9_EndOfStreamInsideAFrame_Is1006Locally_NeverSent(Role engine, int cut)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var frame = s.Frame(0x2, new byte[300]);

        // Cut inside the first header byte pair, inside the 16-bit length, or inside the payload.
        await s.Peer.SendAsync(frame[..cut]);
        s.Peer.ShutdownSend();

        var seen = await s.ReceiveAsync();
        Assert.Equal((MessageKind.Close, CloseCode.Abnormal, WebSocketFault.None), (seen.Kind, seen.CloseCode, seen.Fault));
        Assert.Equal(CloseCode.Abnormal, (await s.ReceiveAsync()).CloseCode);
        Assert.Equal(WebSocketState.Closed, s.Engine.State);
        Assert.Empty(await s.Peer.ReadToEndAsync());
    }

    /// <summary>The valid message before the bad frame was delivered; the ping after it was never answered.</summary>
    internal static async Task AssertFailedAfterValidMessageAsync(RawSession s, Task<List<Seen>> application)
    {
        await s.AssertFailedWithAsync(CloseCode.ProtocolError, application);
        var seen = await application;
        Assert.Equal((MessageKind.Text, "before"), (seen[0].Kind, Encoding.UTF8.GetString(seen[0].Payload)));
        Assert.Equal(2, seen.Count);
    }

    internal static byte[] Concat(params byte[][] frames) => [.. frames.SelectMany(f => f)];

    /// <summary>
    /// A stream exercising every read path: a text message in three fragments that split a code point, a
    /// ping between them, a 16-bit-length binary frame, an unsolicited pong, then Close.
    /// </summary>
    private static async Task<(List<Seen> Seen, List<PeerFrame> Replies)> RunScriptedStreamAsync(Role engine, bool trickle)
    {
        await using var s = await RawSession.OpenAsync(engine);
        var text = Encoding.UTF8.GetBytes("κόσμε 😀!");
        var split = Array.IndexOf(text, (byte)0xF0) + 2;
        var stream = Concat(
            s.Frame(0x1, text.AsSpan(0, 3), fin: false),
            s.Frame(0x9, "mid"u8),
            s.Frame(0x0, text.AsSpan(3, split - 3), fin: false),
            s.Frame(0x0, text.AsSpan(split), fin: true),
            s.Frame(0x2, Payloads.Of(300, text: false)),
            s.Frame(0xA, []),
            s.Close(CloseCode.Normal));
        var application = s.ReceiveUntilClosedAsync();

        await (trickle ? s.Peer.SendTrickleAsync(stream) : s.Peer.SendAsync(stream));

        var replies = new List<PeerFrame>();
        while (replies.LastOrDefault()?.Opcode != 0x8 && await s.Peer.ReadRawFrameAsync() is { } frame)
        {
            replies.Add(frame);
        }

        return (await application, replies);
    }

    private static List<string> Describe(List<Seen> seen) =>
        [.. seen.Select(m => m.Kind switch
        {
            MessageKind.Text or MessageKind.Ping or MessageKind.Pong => $"{m.Kind}:{Encoding.UTF8.GetString(m.Payload)}",
            MessageKind.Binary => $"{m.Kind}:{m.Payload.Length}",
            _ => $"{m.Kind}:{m.CloseCode}",
        })];

    private static List<string> Describe(List<PeerFrame> frames) =>
        [.. frames.Select(f => f.Opcode == 0x8 ? $"8:{(f.Payload[0] << 8) | f.Payload[1]}" : $"{f.Opcode}:{Encoding.UTF8.GetString(f.Payload)}")];
}
