using System.Text;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Protocol;

/// <summary>RFC 6455 §5.4–5.6 and §7.4 on the receive half, fed whole and one byte at a time.</summary>
public sealed class MessageReaderTests
{
    private static readonly byte[] Hello = "Hello"u8.ToArray();

    private static MessageReader Server(long maxMessage = 1 << 20, int maxFragments = 1000, DeflateParameters? deflate = null) =>
        new(Role.Server, maxMessage, maxFragments, deflate);

    /// <summary>Every stream must give the same events whole and byte by byte (reliability row F-7).</summary>
    private static List<ReadRecord> Read(byte[] wire, Func<MessageReader>? reader = null)
    {
        using var whole = (reader ?? (() => Server()))();
        using var trickled = (reader ?? (() => Server()))();
        var a = ReaderHarness.Feed(whole, wire);
        var b = ReaderHarness.Feed(trickled, wire, chunkSize: 1);
        Assert.Equal(a.Select(e => (e.Kind, e.Opcode, Convert.ToHexString(e.Payload), e.CloseCode, e.Fault)),
            b.Select(e => (e.Kind, e.Opcode, Convert.ToHexString(e.Payload), e.CloseCode, e.Fault)));
        return a;
    }

    private static WebSocketFault FaultOf(byte[] wire, Func<MessageReader>? reader = null) =>
        Assert.Single(Read(wire, reader), e => e.Kind == ReadEventKind.Fault).Fault;

    [Fact]
    public void Section5_7_SingleFrameMaskedText_IsOneMessage()
    {
        var events = Read(RawFrame.Build(0x1, Hello));

        var message = Assert.Single(events);
        Assert.Equal((ReadEventKind.Message, Opcode.Text), (message.Kind, message.Opcode));
        Assert.Equal(Hello, message.Payload);
    }

    [Fact]
    public void Section5_4_Fragments_AreReassembled()
    {
        var events = Read(ReaderHarness.Concat(RawFrame.Build(0x1, "Hel"u8, fin: false), RawFrame.Build(0x0, "lo"u8)));

        Assert.Equal(Hello, Assert.Single(events).Payload);
    }

    [Fact]
    public void Section5_4_PingBetweenFragments_IsDeliveredAtOnce_AndTheMessageStillArrives()
    {
        var events = Read(ReaderHarness.Concat(
            RawFrame.Build(0x2, [1, 2], fin: false),
            RawFrame.Build(0x9, "ping"u8),
            RawFrame.Build(0x0, [3], fin: false),
            RawFrame.Build(0xA, "pong"u8),
            RawFrame.Build(0x0, [4])));

        Assert.Equal([ReadEventKind.Ping, ReadEventKind.Pong, ReadEventKind.Message], events.Select(e => e.Kind));
        Assert.Equal("ping"u8.ToArray(), events[0].Payload);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, events[2].Payload);
        Assert.Equal(Opcode.Binary, events[2].Opcode);
    }

    [Fact]
    public void Section5_4_ManyMessagesInOneRead_ComeOutInOrder()
    {
        var wire = ReaderHarness.Concat([.. Enumerable.Range(0, 50).Select(i => RawFrame.Build(0x2, [(byte)i]))]);

        var events = Read(wire);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), events.Select(e => e.Payload.Single()));
    }

    [Fact]
    public void Section5_4_ContinuationWithoutStart_Fails1002() =>
        Assert.Equal(WebSocketFault.ContinuationWithoutStart, FaultOf(RawFrame.Build(0x0, Hello)));

    [Fact]
    public void Section5_4_NewDataFrameInsideFragmentedMessage_Fails1002() =>
        Assert.Equal(WebSocketFault.DataFrameInsideFragmentedMessage,
            FaultOf(ReaderHarness.Concat(RawFrame.Build(0x1, "a"u8, fin: false), RawFrame.Build(0x1, "b"u8))));

    [Theory]
    [InlineData(0x9)]
    [InlineData(0xA)]
    [InlineData(0x8)]
    public void Section5_5_ControlFrameOver125Bytes_Fails(int opcode) =>
        Assert.Equal(WebSocketFault.ControlFrameTooLong, FaultOf(RawFrame.Build(opcode, new byte[126])));

    [Fact]
    public void Section5_5_FragmentedPing_Fails() =>
        Assert.Equal(WebSocketFault.FragmentedControlFrame, FaultOf(RawFrame.Build(0x9, Hello, fin: false)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Section5_2_ReservedBitsWithoutExtension_Fail(int rsv) =>
        Assert.Equal(WebSocketFault.ReservedBitsSet, FaultOf(RawFrame.Build(0x1, Hello, rsv: rsv)));

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(15)]
    public void Section5_2_ReservedOpcodes_Fail(int opcode) =>
        Assert.Equal(WebSocketFault.ReservedOpcode, FaultOf(RawFrame.Build(opcode, Hello)));

    [Fact]
    public void Section5_1_UnmaskedFrameFromClient_Fails() =>
        Assert.Equal(WebSocketFault.UnmaskedClientFrame, FaultOf(RawFrame.Build(0x1, Hello, mask: false)));

    [Fact]
    public void Section5_1_MaskedFrameFromServer_Fails() =>
        Assert.Equal(WebSocketFault.MaskedServerFrame, FaultOf(RawFrame.Build(0x1, Hello), () => new MessageReader(Role.Client, 1 << 20, 1000, null)));

    [Fact]
    public void Section5_2_NonMinimalLength_IsAcceptedOnReceive()
    {
        var events = Read(RawFrame.Build(0x2, Hello, forceLengthBytes: 8));

        Assert.Equal(Hello, Assert.Single(events).Payload);
    }

    [Fact]
    public void Section5_6_InvalidUtf8_FailsAtTheFragmentHoldingTheBadByte()
    {
        using var reader = Server();
        // ED A0 80 is a UTF-16 surrogate: invalid as soon as A0 follows ED, before the third fragment.
        var first = ReaderHarness.Feed(reader, ReaderHarness.Concat(RawFrame.Build(0x1, "ok"u8, fin: false), RawFrame.Build(0x0, [0xED, 0xA0], fin: false)));

        Assert.Equal(WebSocketFault.InvalidUtf8, Assert.Single(first).Fault);
        Assert.Equal(CloseCode.InvalidPayload, WebSocketFaults.CloseCodeOf(WebSocketFault.InvalidUtf8));
    }

    [Fact]
    public void Section5_6_InvalidUtf8_InsideOneFrameArrivingInChops_FailsBeforeTheFrameEnds()
    {
        using var reader = Server();
        var frame = RawFrame.Build(0x1, [.. "valid"u8, 0xF5, .. "rest of the frame"u8]);

        var events = ReaderHarness.Feed(reader, frame[..(frame.Length - 10)]);

        Assert.Equal(WebSocketFault.InvalidUtf8, Assert.Single(events).Fault);
    }

    [Fact]
    public void Section5_6_CodePointSplitAcrossFragments_IsValid()
    {
        var euro = "€"u8.ToArray();
        var events = Read(ReaderHarness.Concat(RawFrame.Build(0x1, euro[..1], fin: false), RawFrame.Build(0x0, euro[1..2], fin: false), RawFrame.Build(0x0, euro[2..])));

        Assert.Equal(euro, Assert.Single(events).Payload);
    }

    [Fact]
    public void Section5_6_TruncatedSequenceAtMessageEnd_Fails1007() =>
        Assert.Equal(WebSocketFault.InvalidUtf8, FaultOf(RawFrame.Build(0x1, [0xE2, 0x82])));

    [Fact]
    public void Section7_4_CloseWithCodeAndReason_IsReported()
    {
        var close = Assert.Single(Read(RawFrame.Close(1001, "bye")));

        Assert.Equal((ReadEventKind.Close, (ushort)1001), (close.Kind, close.CloseCode));
    }

    [Fact]
    public void Section7_4_EmptyClose_Reports1005()
    {
        var close = Assert.Single(Read(RawFrame.Build(0x8, [])));

        Assert.Equal(CloseCode.NoStatus, close.CloseCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(1004)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(1016)]
    [InlineData(2999)]
    [InlineData(5000)]
    public void Section7_4_InvalidCloseCodes_Fail1002(int code) =>
        Assert.Equal(WebSocketFault.InvalidCloseCode, FaultOf(RawFrame.Close((ushort)code)));

    [Fact]
    public void Section5_5_1_ClosePayloadOfOneByte_Fails() =>
        Assert.Equal(WebSocketFault.ClosePayloadLengthOne, FaultOf(RawFrame.Build(0x8, [0x03])));

    [Fact]
    public void Section5_5_1_CloseReasonNotUtf8_Fails1007()
    {
        Assert.Equal(WebSocketFault.InvalidCloseReason, FaultOf(RawFrame.Build(0x8, [0x03, 0xE8, 0xFF])));
        Assert.Equal(CloseCode.InvalidPayload, WebSocketFaults.CloseCodeOf(WebSocketFault.InvalidCloseReason));
    }

    [Fact]
    public void Section7_1_AfterClose_EverythingIsDiscarded()
    {
        var events = Read(ReaderHarness.Concat(RawFrame.Close(1000), RawFrame.Build(0x1, Hello), RawFrame.Build(0x9, Hello)));

        Assert.Equal(ReadEventKind.Close, Assert.Single(events).Kind);
    }

    [Fact]
    public void Section10_4_MessageExactlyAtLimit_IsAccepted() =>
        Assert.Equal(1000, Assert.Single(Read(RawFrame.Build(0x2, new byte[1000]), () => Server(maxMessage: 1000))).Payload.Length);

    [Fact]
    public void Section10_4_FrameOverLimit_FailsFromTheHeaderAlone()
    {
        using var reader = Server(maxMessage: 1000);
        var header = RawFrame.Build(0x2, new byte[1001])[..8];

        var events = ReaderHarness.Feed(reader, header);

        Assert.Equal(WebSocketFault.MessageTooBig, Assert.Single(events).Fault);
        Assert.Equal(CloseCode.MessageTooBig, WebSocketFaults.CloseCodeOf(WebSocketFault.MessageTooBig));
    }

    [Fact]
    public void Section10_4_FragmentsOverLimit_Fail1009() =>
        Assert.Equal(WebSocketFault.MessageTooBig, FaultOf(
            ReaderHarness.Concat(RawFrame.Build(0x2, new byte[600], fin: false), RawFrame.Build(0x0, new byte[600])),
            () => Server(maxMessage: 1000)));

    [Fact]
    public void Section10_4_TooManyFragments_Fails1008()
    {
        var wire = ReaderHarness.Concat([RawFrame.Build(0x2, [], fin: false), .. Enumerable.Range(0, 10).Select(_ => RawFrame.Build(0x0, [], fin: false))]);

        Assert.Equal(WebSocketFault.TooManyFragments, FaultOf(wire, () => Server(maxFragments: 8)));
        Assert.Equal(CloseCode.PolicyViolation, WebSocketFaults.CloseCodeOf(WebSocketFault.TooManyFragments));
    }

    [Theory]
    [InlineData(0x2)]
    [InlineData(0x1)]
    public void LargeFramePayload_ReadDirectlyIntoTheMessage_IsUnmaskedAndValidated(int opcode)
    {
        using var reader = Server();
        var payload = Payloads.Of(100_000, text: opcode == 0x1);
        var frame = RawFrame.Build(opcode, payload);
        var headerAndSome = frame.Length - payload.Length + 1000;
        Assert.Equal(ReadEventKind.NeedMoreData, reader.Read(frame[..headerAndSome], out var consumed).Kind);
        Assert.Equal(headerAndSome, consumed);

        var offset = headerAndSome;
        ReadEvent last = default;
        while (offset < frame.Length)
        {
            var target = reader.GetDirectPayloadTarget(1);
            Assert.False(target.IsEmpty);
            var count = Math.Min(7_000, frame.Length - offset);
            frame.AsSpan(offset, count).CopyTo(target.Span);
            offset += count;
            last = reader.CommitDirectPayload(count);
        }

        Assert.Equal(ReadEventKind.Message, last.Kind);
        Assert.Equal(payload, last.Payload.ToArray());
        Assert.True(reader.GetDirectPayloadTarget(1).IsEmpty);
    }

    [Fact]
    public void Rfc7692_CompressedMessages_AreInflated_WholeOrFragmented()
    {
        var agreed = new DeflateParameters(false, false, 15, 15);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("compress me ", 500)));
        var wire = new Buffers.ByteBuffer();
        using (var writer = new MessageWriter(Role.Client, agreed, null))
        {
            writer.WriteMessage(wire, Opcode.Text, text);
            writer.WriteMessage(wire, Opcode.Text, text);
        }

        using (var fragmenting = new MessageWriter(Role.Client, agreed, null, fragmentBytes: 7))
        {
            fragmenting.WriteMessage(wire, Opcode.Binary, text);
        }

        Assert.True(wire.Length < text.Length, "compression shrinks the wire");
        var events = Read(wire.ReadableSpan.ToArray(), () => Server(deflate: agreed));
        Assert.All(events, e => Assert.Equal(text, e.Payload));
        Assert.Equal([Opcode.Text, Opcode.Text, Opcode.Binary], events.Select(e => e.Opcode));
    }

    [Fact]
    public void Rfc7692_Section6_1_Rsv1OnContinuation_Fails() =>
        Assert.Equal(WebSocketFault.CompressedContinuation, FaultOf(
            ReaderHarness.Concat(RawFrame.Build(0x2, [1], fin: false), RawFrame.Build(0x0, [2], rsv: 4)),
            () => Server(deflate: new DeflateParameters(false, false, 15, 15))));

    [Fact]
    public void Rfc7692_DecompressionBomb_Fails1009BeforeInflatingItAll()
    {
        var agreed = new DeflateParameters(false, false, 15, 15);
        var wire = new Buffers.ByteBuffer();
        using (var writer = new MessageWriter(Role.Client, agreed, null))
        {
            writer.WriteMessage(wire, Opcode.Binary, new byte[4 << 20]);
        }

        Assert.True(wire.Length < 64 * 1024);
        Assert.Equal(WebSocketFault.MessageTooBig, FaultOf(wire.ReadableSpan.ToArray(), () => Server(maxMessage: 1 << 20, deflate: agreed)));
    }
}
