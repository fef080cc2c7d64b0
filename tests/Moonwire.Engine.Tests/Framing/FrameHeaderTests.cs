using Moonwire.Engine.Framing;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Framing;

/// <summary>RFC 6455 §5.2 header forms and the §5.7 example frames, read and written.</summary>
public sealed class FrameHeaderTests
{
    [Fact]
    public void Section5_7_UnmaskedHello_ReadsAsOneTextFrame()
    {
        byte[] wire = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];

        Assert.Equal(FrameHeaderStatus.Done, FrameHeader.TryRead(wire, out var header));

        Assert.Equal(new FrameHeader(true, false, false, false, Opcode.Text, false, 0, 5, 2), header);
    }

    [Fact]
    public void Section5_7_MaskedHello_CarriesTheKeyAsWireBytes()
    {
        byte[] wire = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

        Assert.Equal(FrameHeaderStatus.Done, FrameHeader.TryRead(wire, out var header));
        var payload = wire[header.Size..];
        FrameMask.Apply(payload, header.MaskKey, 0);

        Assert.Equal((true, 6), (header.Masked, header.Size));
        Assert.Equal("Hello"u8.ToArray(), payload);
    }

    [Fact]
    public void Section5_7_FragmentedHello_FirstFrameHasNoFin()
    {
        byte[] wire = [0x01, 0x03, 0x48, 0x65, 0x6c];

        FrameHeader.TryRead(wire, out var header);

        Assert.Equal((false, Opcode.Text, 3L), (header.Fin, header.Opcode, header.PayloadLength));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65535, 4)]
    [InlineData(65536, 10)]
    [InlineData(long.MaxValue, 10)]
    public void Section5_2_EveryLengthForm_RoundTrips(long length, int unmaskedSize)
    {
        var buffer = new byte[FrameHeader.MaxSize];
        foreach (var key in new uint?[] { null, 0x3d21fa37 })
        {
            var size = FrameHeader.Write(buffer, fin: true, rsv1: true, Opcode.Binary, length, key);
            Assert.Equal(FrameHeaderStatus.Done, FrameHeader.TryRead(buffer.AsSpan(0, size), out var header));

            Assert.Equal(unmaskedSize + (key.HasValue ? 4 : 0), size);
            Assert.Equal(FrameHeader.SizeOf(length, key.HasValue), size);
            Assert.Equal(new FrameHeader(true, true, false, false, Opcode.Binary, key.HasValue, key ?? 0, length, size), header);
        }
    }

    [Fact]
    public void Section5_2_WrittenMaskKey_IsTheSameAsHandBuiltFrames()
    {
        var buffer = new byte[FrameHeader.MaxSize];
        var size = FrameHeader.Write(buffer, true, false, Opcode.Text, 5, 0x3d21fa37);

        Assert.Equal(RawFrame.Build(0x1, "Hello"u8)[..size], buffer[..size]);
    }

    [Fact]
    public void Section5_2_SixtyFourBitLengthWithTopBitSet_IsAFault()
    {
        byte[] wire = [0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 1];

        Assert.Equal(FrameHeaderStatus.PayloadLengthTopBitSet, FrameHeader.TryRead(wire, out _));
    }

    [Fact]
    public void EveryPrefixOfAHeader_NeedsMoreData()
    {
        var wire = RawFrame.Build(0x2, new byte[70_000]);
        for (var length = 0; length < 14; length++)
        {
            Assert.Equal(FrameHeaderStatus.NeedMoreData, FrameHeader.TryRead(wire.AsSpan(0, length), out _));
        }

        Assert.Equal(FrameHeaderStatus.Done, FrameHeader.TryRead(wire.AsSpan(0, 14), out var header));
        Assert.Equal(70_000, header.PayloadLength);
    }

    [Fact]
    public void ReservedBitsAndOpcodes_AreReadAsTheyAre_RulesJudgeThem()
    {
        byte[] wire = [0x7b, 0x00];

        FrameHeader.TryRead(wire, out var header);

        Assert.Equal((false, true, true, true, (Opcode)0xb), (header.Fin, header.Rsv1, header.Rsv2, header.Rsv3, header.Opcode));
    }

    [Fact]
    public void Write_RefusesATooSmallBuffer() =>
        Assert.Throws<ArgumentException>(() => FrameHeader.Write(new byte[3], true, false, Opcode.Binary, 200, null));
}
