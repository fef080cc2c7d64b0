using System.IO.Compression;
using System.Text;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Xunit;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>The compressed-data rules of RFC 7692 §7.2: the RFC's own bytes both ways, context takeover, windows.</summary>
public sealed class MessageDeflateTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("Hello");

    // §7.2.3.1: "Hello" compressed, with the trailing 00 00 ff ff removed.
    private static readonly byte[] HelloCompressed = [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00];

    // §7.2.3.2: the second "Hello" under context takeover is a single back-reference.
    private static readonly byte[] HelloAgainCompressed = [0xf2, 0x00, 0x11, 0x00, 0x00];

    internal static byte[] Compress(MessageDeflater deflater, ReadOnlySpan<byte> payload)
    {
        using var output = new ByteBuffer();
        deflater.Compress(payload, endOfMessage: true, output);
        return output.ReadableSpan.ToArray();
    }

    internal static byte[] Inflate(MessageInflater inflater, ReadOnlySpan<byte> compressed, long limit = long.MaxValue)
    {
        using var output = new ByteBuffer();
        Assert.Equal(InflateStatus.Ok, inflater.Inflate(compressed, endOfMessage: true, output, limit));
        return output.ReadableSpan.ToArray();
    }

    [Theory]
    [InlineData(CompressionLevel.Fastest)]
    [InlineData(CompressionLevel.Optimal)]
    public void Section7_2_3_1_Hello_CompressesToTheRfcBytes(CompressionLevel level)
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false, level);
        Assert.Equal(HelloCompressed, Compress(deflater, Hello));
    }

    [Fact]
    public void Section7_2_3_1_RfcBytes_InflateToHello()
    {
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        Assert.Equal(Hello, Inflate(inflater, HelloCompressed));
    }

    [Fact]
    public void Section7_2_3_2_SecondHello_WithContextTakeover_IsABackReference()
    {
        // zlib-ng's fastest level does not look for matches this short, so only Optimal reproduces the RFC.
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Optimal);
        Compress(deflater, Hello);
        Assert.Equal(HelloAgainCompressed, Compress(deflater, Hello));
    }

    [Fact]
    public void Section7_2_3_2_RfcBytes_InflateUsingTheSharedWindow()
    {
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        Assert.Equal(Hello, Inflate(inflater, HelloCompressed));
        Assert.Equal(Hello, Inflate(inflater, HelloAgainCompressed));
    }

    [Fact]
    public void Section7_2_3_2_SecondHello_WithoutContextTakeover_IsCompressedAfresh()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: true, CompressionLevel.Fastest);
        Assert.Equal(HelloCompressed, Compress(deflater, Hello));
        Assert.Equal(HelloCompressed, Compress(deflater, Hello));
    }

    [Fact]
    public void Section7_2_3_2_InflaterWithoutContextTakeover_RejectsAReferenceIntoTheLastMessage()
    {
        using var inflater = new MessageInflater(15, noContextTakeover: true);
        using var output = new ByteBuffer();
        Assert.Equal(Hello, Inflate(inflater, HelloCompressed));
        Assert.Equal(InflateStatus.Corrupt, inflater.Inflate(HelloAgainCompressed, endOfMessage: true, output, long.MaxValue));
    }

    [Fact]
    public void Section7_2_3_3_StoredBlock_Inflates()
    {
        // "Hello" in a non-final stored block (BTYPE 00), as §7.2.3.3 shows.
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        Assert.Equal(Hello, Inflate(inflater, [0x00, 0x05, 0x00, 0xfa, 0xff, .. Hello, 0x00]));
    }

    [Fact]
    public void Section7_2_3_4_FinalBlock_EndsTheStream_AndTheNextMessageStillInflates()
    {
        // §7.2.3.4: a sender may flush with BFINAL set; the 00 00 ff ff we append then starts a new stream.
        byte[] helloFinal = [0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00];
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        Assert.Equal(Hello, Inflate(inflater, helloFinal));
        Assert.Equal(Hello, Inflate(inflater, helloFinal));
    }

    [Fact]
    public void Section7_2_3_4_DataAfterTheFinalBlock_IsCorrupt()
    {
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();
        Assert.Equal(InflateStatus.Ok, inflater.Inflate([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], endOfMessage: false, output, long.MaxValue));
        Assert.Equal(InflateStatus.Corrupt, inflater.Inflate(HelloCompressed, endOfMessage: true, output, long.MaxValue));
    }

    [Fact]
    public void Section7_2_3_6_EmptyMessage_RoundTrips()
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Fastest);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        for (var i = 0; i < 3; i++)
        {
            var compressed = Compress(deflater, []);
            Assert.NotEmpty(compressed);
            Assert.Empty(Inflate(inflater, compressed));
        }

        // §7.2.3.6: a single 00 byte is also an empty message.
        Assert.Empty(Inflate(inflater, [0x00]));
    }

    [Fact]
    public void Section7_1_2_EightBitWindow_CannotCompress()
    {
        using var deflater = new MessageDeflater(8, noContextTakeover: false, CompressionLevel.Fastest);
        Assert.False(deflater.CanCompress);
        Assert.Throws<InvalidOperationException>(() => Compress(deflater, Hello));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(16)]
    public void WindowBitsOutside8To15_AreRejected(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageDeflater(bits, false, CompressionLevel.Fastest));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageInflater(bits, false));
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(15, true)]
    public void Section7_1_2_WindowBits_LimitHowFarBackTheDeflaterLooks(int bits, bool reaches)
    {
        // Random 12 KiB repeated three times: only a window of at least 12 KiB (14 bits) can refer back to it.
        var block = RoundTripTests.Random(12 * 1024, seed: bits);
        byte[] payload = [.. block, .. block, .. block];
        using var deflater = new MessageDeflater(bits, noContextTakeover: false, CompressionLevel.Optimal);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        var compressed = Compress(deflater, payload);

        Assert.Equal(reaches, compressed.Length < 2 * block.Length);
        Assert.Equal(payload, Inflate(inflater, compressed));
    }

    [Fact]
    public void UsingADisposedCodec_Throws()
    {
        var deflater = new MessageDeflater(15, false, CompressionLevel.Fastest);
        var inflater = new MessageInflater(15, false);
        deflater.Dispose();
        inflater.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Compress(deflater, Hello));
        Assert.Throws<ObjectDisposedException>(() => Inflate(inflater, HelloCompressed));
    }
}
