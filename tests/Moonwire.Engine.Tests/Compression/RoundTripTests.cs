using System.IO.Compression;
using System.Text;
using CsCheck;
using Moonwire.Engine.Buffers;
using Moonwire.Engine.Compression;
using Xunit;
using static Moonwire.Engine.Tests.Compression.MessageDeflateTests;

namespace Moonwire.Engine.Tests.Compression;

/// <summary>
/// The codec against itself and against .NET's DeflateStream (a second zlib path), over sizes 0 B..4 MiB,
/// with the inflater fed in arbitrary chunks as frames would split a message.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly int[] Sizes = [0, 1, 2, 5, 63, 64, 255, 4096, 65_535, 65_536, 65_537, 1 << 20, 4 << 20];

    internal static byte[] Random(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Text(int size)
    {
        var words = Encoding.UTF8.GetBytes("the quick brown fox jumps over the lazy dog héllo wörld € 😀 ");
        var rng = new Random(size);
        var text = new byte[size];
        for (var i = 0; i < size; i++)
        {
            text[i] = words[(i % 7 == 0 ? rng.Next(words.Length) : i) % words.Length];
        }

        return text;
    }

    public static TheoryData<int, bool> SizesAndKinds()
    {
        var data = new TheoryData<int, bool>();
        foreach (var size in Sizes)
        {
            data.Add(size, true);
            data.Add(size, false);
        }

        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(SizesAndKinds))]
    public Task DeflateThenInflate_IsTheIdentity_InOneChunk(int size, bool text) => Task.Run(() =>
    {
        var payload = text ? Text(size) : Random(size, size);
        using var deflater = new MessageDeflater(15, noContextTakeover: false, CompressionLevel.Fastest);
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        for (var message = 0; message < 3; message++)
        {
            Assert.Equal(payload, Inflate(inflater, Compress(deflater, payload)));
        }
    });

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(SizesAndKinds))]
    public Task OurOutput_InflatesWithDeflateStream(int size, bool text) => Task.Run(() =>
    {
        var payload = text ? Text(size) : Random(size, size);
        using var deflater = new MessageDeflater(15, noContextTakeover: true, CompressionLevel.Optimal);
        byte[] stream = [.. Compress(deflater, payload), 0x00, 0x00, 0xff, 0xff];
        using var reference = new DeflateStream(new MemoryStream(stream), CompressionMode.Decompress);
        var inflated = new MemoryStream();
        reference.CopyTo(inflated);
        Assert.Equal(payload, inflated.ToArray());
    });

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(SizesAndKinds))]
    public Task DeflateStreamOutput_Inflates(int size, bool text) => Task.Run(() =>
    {
        var payload = text ? Text(size) : Random(size, size);
        var compressed = new MemoryStream();
        using (var reference = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            reference.Write(payload);
        }

        // DeflateStream ends with a BFINAL block, which §7.2.3.4 allows.
        using var inflater = new MessageInflater(15, noContextTakeover: false);
        Assert.Equal(payload, Inflate(inflater, compressed.ToArray()));
    });

    [Fact(Timeout = 120_000)]
    public Task ManyMessages_InAnyChunking_WithAnySettings_RoundTrip() => Task.Run(() =>
    {
        var payload = Gen.OneOf(Gen.Byte.Array[0, 2_000], Gen.Byte[0, 3].Array[0, 100_000], Gen.Int[0, 300_000].Select(Text));
        Gen.Select(payload.Array[1, 5], Gen.Int[1, 70_000], Gen.Int[9, 15], Gen.Bool, Gen.Enum<CompressionLevel>())
            .Sample((messages, chunk, windowBits, noContext, level) =>
            {
                using var deflater = new MessageDeflater(windowBits, noContext, level);
                using var inflater = new MessageInflater(15, noContext);
                foreach (var message in messages)
                {
                    var compressed = CompressInPieces(deflater, message, chunk);
                    Assert.Equal(message, InflateInPieces(inflater, compressed, chunk));
                }
            }, iter: 60);
    });

    [Theory(Timeout = 30_000)]
    [InlineData(false)]
    [InlineData(true)]
    public Task SteadyState_AllocatesNothing(bool noContextTakeover) => Task.Run(() =>
    {
        var payload = Text(16 * 1024);
        using var deflater = new MessageDeflater(15, noContextTakeover, CompressionLevel.Fastest);
        using var inflater = new MessageInflater(15, noContextTakeover);
        using var compressed = new ByteBuffer();
        using var inflated = new ByteBuffer();
        var failures = 0;
        void OneMessage()
        {
            compressed.Clear();
            inflated.Clear();
            deflater.Compress(payload, endOfMessage: true, compressed);
            failures += inflater.Inflate(compressed.ReadableSpan, endOfMessage: true, inflated, long.MaxValue) == InflateStatus.Ok ? 0 : 1;
        }

        OneMessage();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            OneMessage();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
        Assert.Equal(payload, inflated.ReadableSpan.ToArray());
    });

    private static byte[] CompressInPieces(MessageDeflater deflater, byte[] payload, int chunk)
    {
        using var output = new ByteBuffer();
        var offset = 0;
        do
        {
            var length = Math.Min(chunk, payload.Length - offset);
            deflater.Compress(payload.AsSpan(offset, length), offset + length == payload.Length, output);
            offset += length;
        }
        while (offset < payload.Length);
        return output.ReadableSpan.ToArray();
    }

    private static byte[] InflateInPieces(MessageInflater inflater, byte[] compressed, int chunk)
    {
        using var output = new ByteBuffer();
        var offset = 0;
        do
        {
            var length = Math.Min(chunk, compressed.Length - offset);
            var status = inflater.Inflate(compressed.AsSpan(offset, length), offset + length == compressed.Length, output, long.MaxValue);
            Assert.Equal(InflateStatus.Ok, status);
            offset += length;
        }
        while (offset < compressed.Length);
        return output.ReadableSpan.ToArray();
    }
}
