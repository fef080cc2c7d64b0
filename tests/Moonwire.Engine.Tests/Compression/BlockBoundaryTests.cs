using System.IO.Compression;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Xunit;
using static Moonwire.Engine.Tests.Compression.MessageDeflateTests;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>
/// RFC 7692 §7.2.2: with 00 00 ff ff appended, a message's data must end on a block boundary. Data cut inside a
/// block is corrupt, never a shorter message; data that ends on a boundary is whole.
/// </summary>
public sealed class BlockBoundaryTests
{
    private const long Limit = 1 << 20;

    public static TheoryData<string, int> Messages() => new()
    {
        { "fixed", 5 },
        { "dynamic", 3000 },
    };

    private static byte[] Text(int length)
    {
        var random = new Random(length);
        return [.. Enumerable.Range(0, length).Select(_ => (byte)random.Next('a', 'h'))];
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void DataCutInsideABlock_IsCorrupt_NeverAShorterMessage(string blockType, int length)
    {
        var message = Text(length);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Optimal);
        var compressed = Compress(deflater, message);
        Assert.Equal(blockType == "fixed" ? 0b01 : 0b10, (compressed[0] >> 1) & 0b11);

        var corrupt = 0;
        for (var cut = 1; cut < compressed.Length; cut++)
        {
            using var inflater = new MessageInflater(15, noContextTakeover: false);
            using var output = new ByteBuffer();
            var status = inflater.Inflate(compressed.AsSpan(0, compressed.Length - cut), endOfMessage: true, output, Limit);

            // A cut that happens to fall on the last block's end leaves whole data; anything else is refused.
            if (status == InflateStatus.Ok)
            {
                Assert.Equal(message, output.ReadableSpan.ToArray());
            }
            else
            {
                Assert.Equal(InflateStatus.Corrupt, status);
                corrupt++;
            }
        }

        Assert.InRange(corrupt, compressed.Length - 2, compressed.Length - 1);
    }

    [Fact]
    public void DataCutInsideABlock_IsCorrupt_WhenItArrivesOverSeveralFrames()
    {
        var message = Text(3000);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Optimal);
        var compressed = Compress(deflater, message).AsSpan(..^3);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        using var output = new ByteBuffer();

        Assert.Equal(InflateStatus.Ok, inflater.Inflate(compressed[..100], endOfMessage: false, output, Limit));
        Assert.Equal(InflateStatus.Corrupt, inflater.Inflate(compressed[100..], endOfMessage: true, output, Limit));
    }

    [Fact]
    public void EmptyPayload_IsAnEmptyMessage_AndTheContextCarriesOn()
    {
        // Some senders send an empty message as an empty payload with RSV1 set: no block at all, so no boundary to miss.
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Optimal);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        var first = Text(500);
        var second = Text(600);

        Assert.Equal(first, Inflate(inflater, Compress(deflater, first)));
        Assert.Empty(Inflate(inflater, []));
        Assert.Equal(second, Inflate(inflater, Compress(deflater, second)));
    }

    [Fact]
    public void MessagesEndingOnABoundary_KeepTheWindow_ForTheNextOne()
    {
        // The probe byte stays unread, so the inflater stands exactly where a plain inflate would leave it.
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Optimal);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        var message = Text(2000);
        for (var i = 0; i < 5; i++)
        {
            var compressed = Compress(deflater, message);
            Assert.Equal(message, Inflate(inflater, compressed));
            if (i > 0)
            {
                Assert.InRange(compressed.Length, 1, 40);
            }
        }
    }
}
