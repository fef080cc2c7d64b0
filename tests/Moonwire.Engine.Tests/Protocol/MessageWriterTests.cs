using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Framing;
using Moonwire.Engine.Protocol;
using Xunit;

namespace Moonwire.Engine.Tests.Protocol;

/// <summary>The send half: masking by role (RFC 6455 §5.3), fragmentation (§5.4), RSV1 placement (RFC 7692 §6.1).</summary>
public sealed class MessageWriterTests
{
    private static List<FrameHeader> Headers(ByteBuffer wire)
    {
        var headers = new List<FrameHeader>();
        var span = wire.ReadableSpan;
        while (span.Length > 0)
        {
            Assert.Equal(FrameHeaderStatus.Done, FrameHeader.TryRead(span, out var header));
            headers.Add(header);
            span = span[(header.Size + (int)header.PayloadLength)..];
        }

        return headers;
    }

    [Fact]
    public void Section5_3_ClientMasksEveryFrame_WithFreshKeys()
    {
        using var writer = new MessageWriter(Role.Client, null, null);
        var wire = new ByteBuffer();
        for (var i = 0; i < 100; i++)
        {
            writer.WriteMessage(wire, Opcode.Binary, [1, 2, 3]);
        }

        var headers = Headers(wire);
        Assert.All(headers, h => Assert.True(h.Masked));
        Assert.True(headers.Select(h => h.MaskKey).Distinct().Count() > 90, "mask keys come from a CSPRNG");
    }

    [Fact]
    public void HeaderOnly_IsTheHeaderWriteMessageWrites_ForAServersPlainMessage()
    {
        using var writer = new MessageWriter(Role.Server, null, null);
        var payload = new byte[70_000];
        var whole = new ByteBuffer();
        var header = new ByteBuffer();
        writer.WriteMessage(whole, Opcode.Text, payload);

        Assert.True(writer.TryWriteHeaderOnly(header, Opcode.Text, payload.Length, allowCompression: true));
        Assert.Equal(whole.ReadableSpan[..^payload.Length].ToArray(), header.ReadableSpan.ToArray());
    }

    [Theory]
    [InlineData("client")]
    [InlineData("compressed")]
    [InlineData("fragmented")]
    public void HeaderOnly_IsRefused_WhenThePayloadMustBeMaskedCompressedOrSplit(string why)
    {
        using var writer = why switch
        {
            "client" => new MessageWriter(Role.Client, null, null),
            "compressed" => new MessageWriter(Role.Server, new DeflateParameters(false, false, 15, 15), null),
            _ => new MessageWriter(Role.Server, null, null, fragmentBytes: 1000),
        };
        var wire = new ByteBuffer();

        Assert.False(writer.TryWriteHeaderOnly(wire, Opcode.Binary, 70_000, allowCompression: true));
        Assert.Equal(0, wire.Length);
    }

    [Fact]
    public void Section5_1_ServerNeverMasks()
    {
        using var writer = new MessageWriter(Role.Server, null, null);
        var wire = new ByteBuffer();
        writer.WriteMessage(wire, Opcode.Text, "Hello"u8);

        Assert.Equal([0x81, 0x05, .. "Hello"u8], wire.ReadableSpan.ToArray());
    }

    [Fact]
    public void Section5_4_LargeMessages_AreSplitIntoFragments()
    {
        using var writer = new MessageWriter(Role.Server, null, null, fragmentBytes: 64 * 1024);
        var wire = new ByteBuffer();
        writer.WriteMessage(wire, Opcode.Binary, new byte[(64 * 1024 * 2) + 1]);

        var headers = Headers(wire);
        Assert.Equal([Opcode.Binary, Opcode.Continuation, Opcode.Continuation], headers.Select(h => h.Opcode));
        Assert.Equal([false, false, true], headers.Select(h => h.Fin));
        Assert.Equal([65536L, 65536L, 1L], headers.Select(h => h.PayloadLength));
    }

    [Fact]
    public void Rfc7692_Section6_1_Rsv1OnlyOnTheFirstFragment()
    {
        using var writer = new MessageWriter(Role.Server, new DeflateParameters(false, false, 15, 15),
            new PerMessageDeflateOptions { Threshold = 0 }, fragmentBytes: 4);
        var wire = new ByteBuffer();
        writer.WriteMessage(wire, Opcode.Text, "a message past the 64-byte compression threshold that compresses to more than four bytes"u8);

        var headers = Headers(wire);
        Assert.True(headers.Count > 1);
        Assert.True(headers[0].Rsv1);
        Assert.All(headers.Skip(1), h => Assert.False(h.Rsv1));
    }

    [Fact]
    public void Rfc7692_PerMessageOptOut_SendsUncompressed()
    {
        using var writer = new MessageWriter(Role.Server, new DeflateParameters(false, false, 15, 15), null);
        var wire = new ByteBuffer();
        writer.WriteMessage(wire, Opcode.Text, "secret"u8, allowCompression: false);

        Assert.False(Assert.Single(Headers(wire)).Rsv1);
    }

    [Fact]
    public void Rfc7692_Section7_1_2_WindowBits8_SendsUncompressed()
    {
        using var writer = new MessageWriter(Role.Server, new DeflateParameters(false, false, 8, 15), null);
        var wire = new ByteBuffer();
        writer.WriteMessage(wire, Opcode.Text, "zlib cannot compress with an 8-bit window"u8);

        Assert.False(Assert.Single(Headers(wire)).Rsv1);
    }

    [Fact]
    public void RawFrames_KeepTheWireValid()
    {
        using var writer = new MessageWriter(Role.Client, null, null);
        var wire = new ByteBuffer();

        Assert.Throws<ArgumentException>(() => writer.WriteFrame(wire, true, (Opcode)0x3, []));
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(wire, true, Opcode.Close, []));
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(wire, true, Opcode.Ping, new byte[126]));
        Assert.Throws<ArgumentException>(() => writer.WriteFrame(wire, false, Opcode.Ping, []));
        Assert.Throws<InvalidOperationException>(() => writer.WriteFrame(wire, true, Opcode.Continuation, []));

        writer.WriteFrame(wire, false, Opcode.Text, "Hel"u8);
        Assert.Throws<InvalidOperationException>(() => writer.WriteFrame(wire, true, Opcode.Text, []));
        Assert.Throws<InvalidOperationException>(() => writer.WriteMessage(wire, Opcode.Text, []));
        writer.WriteFrame(wire, true, Opcode.Ping, "interleaved"u8);
        writer.WriteFrame(wire, true, Opcode.Continuation, "lo"u8);

        Assert.Equal([Opcode.Text, Opcode.Ping, Opcode.Continuation], Headers(wire).Select(h => h.Opcode));
        Assert.Equal(0, wire.Length - Headers(wire).Sum(h => h.Size + (int)h.PayloadLength));
    }

    [Fact]
    public void Section5_5_1_CloseWith1005_IsTheEmptyClose()
    {
        using var writer = new MessageWriter(Role.Server, null, null);
        var wire = new ByteBuffer();
        writer.WriteClose(wire, CloseCode.NoStatus, []);

        Assert.Equal(new byte[] { 0x88, 0x00 }, wire.ReadableSpan.ToArray());
    }
}
