using System.IO.Compression;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Xunit;
using static Moonwire.Engine.Tests.Compression.MessageDeflateTests;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>What the inflater refuses: output past the caller's limit (RFC 7692 §8.1 notes the risk) and data that is not DEFLATE.</summary>
public sealed class InflateLimitTests
{
    private const int Limit = 1 << 20;

    private static byte[] ZerosCompressed(int size)
    {
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.SmallestSize);
        return Compress(deflater, new byte[size]);
    }

    [Fact(Timeout = 60_000)]
    public Task Bomb_StopsAtTheLimit_WithoutAllocatingTheWholeMessage() => Task.Run(() =>
    {
        var bomb = ZerosCompressed(100 << 20);
        Assert.InRange(bomb.Length, 1, 200_000);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = inflater.Inflate(bomb, endOfMessage: true, output, Limit);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(InflateStatus.MessageTooBig, status);
        Assert.InRange(output.Length, 0, Limit);
        Assert.InRange(allocated, 0, 4 * Limit);
    });

    [Fact(Timeout = 60_000)]
    public Task Bomb_SplitAcrossFrames_CountsTheLimitAcrossCalls() => Task.Run(() =>
    {
        var bomb = ZerosCompressed(8 << 20);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();
        var status = InflateStatus.Ok;
        for (var offset = 0; offset < bomb.Length && status == InflateStatus.Ok; offset += 1000)
        {
            var piece = bomb.AsSpan(offset, Math.Min(1000, bomb.Length - offset));
            status = inflater.Inflate(piece, offset + piece.Length == bomb.Length, output, Limit - output.Length);
        }

        Assert.Equal(InflateStatus.MessageTooBig, status);
        Assert.InRange(output.Length, 0, Limit);
    });

    [Theory]
    [InlineData(Limit - 1, InflateStatus.Ok)]
    [InlineData(Limit, InflateStatus.Ok)]
    [InlineData(Limit + 1, InflateStatus.MessageTooBig)]
    public void LimitIsInclusive(int size, InflateStatus expected)
    {
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();
        Assert.Equal(expected, inflater.Inflate(ZerosCompressed(size), endOfMessage: true, output, Limit));
        if (expected == InflateStatus.Ok)
        {
            Assert.Equal(size, output.Length);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0x06 })]
    [InlineData(new byte[] { 0x00, 0x05, 0x00, 0x00, 0x00, 0x41 })]
    [InlineData(new byte[] { 0xf2, 0x00, 0x11, 0x00, 0x00 })]
    public void NotDeflate_IsCorrupt(byte[] input)
    {
        // Reserved block type 11, final or not; a stored block whose NLEN is not ~LEN; a back-reference to nothing.
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();
        Assert.Equal(InflateStatus.Corrupt, inflater.Inflate(input, endOfMessage: true, output, Limit));
    }
}
