using Moonwire.Conformance.Wire;

namespace Moonwire.Conformance.Tests;

/// <summary>The suite's own wire code: if it were wrong, every verdict would be.</summary>
public sealed class WireTests
{
    [Theory(Timeout = 10_000)]
    [InlineData(0, true)]
    [InlineData(125, false)]
    [InlineData(126, true)]
    [InlineData(65535, false)]
    [InlineData(65536, true)]
    public async Task FramesRoundTripAtEveryLengthEncoding(int length, bool mask)
    {
        await Task.Yield();
        var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var bytes = FrameEncoder.Encode(Opcodes.Binary, payload, fin: false, rsv: 5, mask);
        var decoder = new FrameDecoder();

        // Fed in two pieces: the decoder must wait for the rest.
        var half = bytes.Length / 2;
        Feed(decoder, bytes.AsSpan(0, half));
        Assert.Null(decoder.TryRead());
        Feed(decoder, bytes.AsSpan(half));

        var frame = decoder.TryRead();
        Assert.NotNull(frame);
        Assert.Equal((false, 5, Opcodes.Binary, mask), (frame.Fin, frame.Rsv, frame.Opcode, frame.Masked));
        Assert.Equal(payload, frame.Payload);
        Assert.Null(decoder.TryRead());
    }

    /// <summary>As the socket loop does: as much as the free space takes, again until all is in.</summary>
    private static void Feed(FrameDecoder decoder, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var space = decoder.FreeSpace().Span;
            var count = Math.Min(space.Length, bytes.Length);
            bytes[..count].CopyTo(space);
            decoder.Advance(count);
            bytes = bytes[count..];
        }
    }

    [Theory(Timeout = 10_000)]
    [InlineData(Opcodes.Text, true, 0, false, false, false, null)]
    [InlineData(Opcodes.Text, true, 0, true, false, false, "a masked server frame")]
    [InlineData(Opcodes.Text, true, 0, false, true, false, "an unmasked client frame")]
    [InlineData(Opcodes.Text, true, 4, false, false, true, null)]
    [InlineData(Opcodes.Text, true, 4, false, false, false, "reserved bits 4 set")]
    [InlineData(Opcodes.Continuation, true, 4, false, false, true, "reserved bits 4 set")]
    [InlineData(Opcodes.Ping, false, 0, false, false, false, "a fragmented control frame")]
    [InlineData(11, true, 0, false, false, false, "reserved opcode 11")]
    [InlineData(Opcodes.Continuation, true, 0, false, false, false, "a continuation frame with no message to continue")]
    public async Task TesteeFramesAreJudgedByRole(int opcode, bool fin, int rsv, bool masked, bool fromClient, bool deflate, string? violation)
    {
        await Task.Yield();

        Assert.Equal(violation, FrameRules.Violation(new Frame(fin, rsv, opcode, [], masked), fromClient, deflate, inMessage: false));
    }

    [Fact(Timeout = 10_000)]
    public async Task ControlFramesOver125OctetsAndDataFramesInsideAMessageAreViolations()
    {
        await Task.Yield();

        Assert.Equal("a control frame over 125 octets", FrameRules.Violation(new Frame(true, 0, Opcodes.Pong, new byte[126], false), false, false, inMessage: false));
        Assert.Equal("a new data frame inside a fragmented message", FrameRules.Violation(new Frame(true, 0, Opcodes.Binary, [], false), false, false, inMessage: true));
        Assert.Null(FrameRules.Violation(new Frame(true, 0, Opcodes.Ping, new byte[125], false), false, false, inMessage: true));
    }

    [Fact(Timeout = 10_000)]
    public async Task AcceptKeyIsTheRfcExample()
    {
        await Task.Yield();

        // RFC 6455 §1.3.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.AcceptOf("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    [Fact(Timeout = 10_000)]
    public async Task DeflateOffersParseAndPrint()
    {
        await Task.Yield();
        var offers = DeflateParameters.ParseAll("permessage-deflate; server_no_context_takeover; server_max_window_bits=8, x-other, permessage-deflate; client_max_window_bits");

        Assert.Equal([new DeflateParameters(ServerNoContextTakeover: true, ServerMaxWindowBits: 8), new DeflateParameters(ClientMaxWindowBits: DeflateParameters.BareWindowBits)], offers);
        Assert.Equal("permessage-deflate; server_no_context_takeover; server_max_window_bits=8", offers[0].ToString());
        Assert.Throws<FormatException>(() => DeflateParameters.ParseAll("permessage-deflate; server_max_window_bits=16"));
    }

    [Theory(Timeout = 10_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompressedMessagesInflateInOrderWithOrWithoutContext(bool noContextTakeover)
    {
        await Task.Yield();
        using var sender = new MessageDeflate(resetDeflater: noContextTakeover, resetInflater: false);
        using var receiver = new MessageDeflate(resetDeflater: false, resetInflater: noContextTakeover);
        var message = "the same words again and again, the same words again and again"u8.ToArray();

        var first = sender.Compress(message);
        var second = sender.Compress(message);

        // With context takeover the second message refers back into the first; without, it stands alone.
        Assert.Equal(noContextTakeover, second.Length == first.Length);
        Assert.Equal(message, receiver.Decompress(first));
        Assert.Equal(message, receiver.Decompress(second));
        Assert.Equal([], receiver.Decompress(sender.Compress([])));
    }
}
