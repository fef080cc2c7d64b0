using System.IO.Compression;
using Moonwire.Engine.Compression;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Engine.Tests.Support;
using Xunit;

namespace Moonwire.Engine.Tests.Reliability;

[CollectionDefinition(nameof(DeflateBombRows), DisableParallelization = true)]
public sealed class DeflateBombCollection;

/// <summary>
/// Reliability row C-1: decompression bombs. Alone in a non-parallel collection, because it measures the
/// bytes the whole process allocates while a bomb is defused.
/// </summary>
[Collection(nameof(DeflateBombRows))]
public sealed class DeflateBombRows
{
    [Theory(Timeout = 60_000)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task C_1_OneMiBOfZerosInAboutOneKiB_Is1009_AtA64KiBLimit(Role engine)
    {
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { MaxMessageBytes = 64 * 1024 }, new PerMessageDeflateOptions());
        var application = s.ReceiveUntilClosedAsync();
        var bomb = DeflateRows.Deflate(new byte[1 << 20]);
        Assert.InRange(bomb.Length, 1, 2048);

        await s.Peer.SendAsync(s.Frame(0x2, bomb, rsv: 4));

        await s.AssertFailedWithAsync(CloseCode.MessageTooBig, application);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(Role.Server)]
    [InlineData(Role.Client)]
    public async Task C_1_SixMiBFrameInflatingToGiBs_StopsAtTheLimit_WithMemoryNearTheLimit(Role engine)
    {
        const int limit = 1 << 20;
        await using var s = await RawSession.OpenAsync(engine, new WebSocketOptions { MaxMessageBytes = limit }, new PerMessageDeflateOptions());
        var frame = s.Frame(0x2, GigabyteBomb(6 << 20), rsv: 4);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var application = s.ReceiveUntilClosedAsync();

        // The engine stops reading once it has failed, so the rest of the frame may meet a closed socket.
        var sending = s.Peer.SendAsync(frame);
        await s.AssertFailedWithAsync(CloseCode.MessageTooBig, application);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        try
        {
            await sending;
        }
        catch (IOException)
        {
            // Reset by the engine mid-frame, as expected.
        }

        // Everything the process allocated meanwhile, engine and test alike: a few limits, not gigabytes.
        Assert.InRange(allocated, 0, 16L * limit);
    }

    /// <summary>
    /// About <paramref name="size"/> bytes of DEFLATE that inflate to roughly a thousand times as many zeros:
    /// one sync-flushed block of 1 MiB of zeros, repeated. Each copy is valid after the first, whose window
    /// it refers back into, is all zeros too.
    /// </summary>
    private static byte[] GigabyteBomb(int size)
    {
        var zeros = new byte[1 << 20];
        using var output = new MemoryStream();
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(zeros);
        deflate.Flush();
        var first = output.ToArray();
        deflate.Write(zeros);
        deflate.Flush();
        var repeat = output.ToArray()[first.Length..];
        var bomb = new List<byte>(size + repeat.Length);
        bomb.AddRange(first);
        while (bomb.Count < size)
        {
            bomb.AddRange(repeat);
        }

        return DeflateRows.WithoutSyncMarker([.. bomb]);
    }
}
