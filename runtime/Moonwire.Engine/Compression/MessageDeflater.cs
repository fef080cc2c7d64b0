using System.Buffers;
using System.IO.Compression;
using static Moonwire.Engine.Compression.ZLibNative;

namespace Moonwire.Engine.Compression;

/// <summary>
/// Compresses outgoing messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE, flushed at the end
/// of each message with the trailing 00 00 ff ff removed. With no context takeover every message ends in a
/// full flush, which empties the window, so no later message refers back into it. Not thread-safe.
/// </summary>
public sealed unsafe class MessageDeflater : IDisposable
{
    private const int MaxOutputChunk = 64 * 1024;

    private readonly int _level;
    private readonly int _windowBits;
    private readonly bool _noContextTakeover;
    private ZStreamHandle? _stream;
    private bool _disposed;

    /// <param name="windowBits">The agreed LZ77 window, 8..15 (RFC 7692 §7.1.2).</param>
    /// <param name="noContextTakeover">Start every message with an empty window.</param>
    /// <param name="level">How hard to compress.</param>
    public MessageDeflater(int windowBits, bool noContextTakeover, CompressionLevel level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowBits, 15);
        _level = ZLibLevel(level);
        _windowBits = windowBits;
        _noContextTakeover = noContextTakeover;
    }

    /// <summary>Whether messages can be compressed under the agreed window; when false, send them uncompressed.</summary>
    /// <remarks>
    /// zlib silently widens a raw 8-bit window to 9 bits (or refuses it), so its output could refer further
    /// back than a peer that agreed on 8 bits keeps: with 8 we send uncompressed messages instead.
    /// </remarks>
    public bool CanCompress => _windowBits > 8;

    /// <summary>
    /// Appends the compressed form of <paramref name="payload"/>. A message may be given in pieces; the piece
    /// with <paramref name="endOfMessage"/> flushes, so the output so far is the complete compressed message.
    /// </summary>
    public void Compress(ReadOnlySpan<byte> payload, bool endOfMessage, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!CanCompress)
        {
            throw new InvalidOperationException("An 8-bit window cannot be compressed; check CanCompress.");
        }

        var flush = !endOfMessage ? Flush.None : _noContextTakeover ? Flush.Full : Flush.Sync;
        var handle = Volatile.Read(ref _stream) ?? Open();
        var addedRef = false;
        try
        {
            // The reference keeps zlib's state alive for this call even if another thread disposes us meanwhile.
            handle.DangerousAddRef(ref addedRef);
            var stream = handle.Stream;
            fixed (byte* input = payload)
            {
                stream->NextIn = input;
                stream->AvailIn = (uint)payload.Length;
                Drain(stream, flush, Math.Clamp(payload.Length + 64, 256, MaxOutputChunk), output);
                stream->NextIn = null;
            }
        }
        finally
        {
            if (addedRef)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Frees the zlib stream.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        Interlocked.Exchange(ref _stream, null)?.Dispose();
    }

    /// <summary>
    /// zlib's deflate state (hundreds of KiB at the default memLevel) is made for the first compressed message,
    /// not with the connection, so an idle connection never holds it.
    /// </summary>
    private ZStreamHandle Open()
    {
        var opened = ZStreamHandle.ForRawDeflate(_level, _windowBits);
        var raced = Interlocked.CompareExchange(ref _stream, opened, null);
        if (raced is not null)
        {
            opened.Dispose();
            return raced;
        }

        if (Volatile.Read(ref _disposed))
        {
            Interlocked.Exchange(ref _stream, null)?.Dispose();
            throw new ObjectDisposedException(nameof(MessageDeflater));
        }

        return opened;
    }

    /// <summary>
    /// Runs deflate until it has taken all input (and, when flushing, emitted everything). A flush ends in
    /// the empty stored block 00 00 ff ff, which RFC 7692 §7.2.1 removes: the last four bytes written are held
    /// back in each round and carried into the next, so the block is dropped however the output was split.
    /// If a flush happens to end exactly at the end of a span, zlib's next call adds a second empty block (see
    /// zlib.h on deflate and avail_out): valid, five bytes longer, and rare with the large spans of a ByteBuffer.
    /// </summary>
    private static void Drain(ZStream* stream, Flush flush, int chunkSize, IBufferWriter<byte> output)
    {
        var holdBack = flush == Flush.None ? 0 : 4;
        Span<byte> held = stackalloc byte[4];
        var heldCount = 0;
        var wroteAny = false;
        while (true)
        {
            var span = output.GetSpan(chunkSize + heldCount);
            held[..heldCount].CopyTo(span);
            Result result;
            int produced;
            fixed (byte* next = span[heldCount..])
            {
                stream->NextOut = next;
                stream->AvailOut = (uint)(span.Length - heldCount);
                result = Deflate(stream, flush);
                produced = span.Length - heldCount - (int)stream->AvailOut;
                stream->NextOut = null;
            }

            // BufferError only says "no progress was possible", which a finished flush can report.
            if (result is not (Result.Ok or Result.BufferError))
            {
                throw new InvalidOperationException($"zlib failed to compress: {result}.");
            }

            var total = heldCount + produced;
            wroteAny |= produced > 0;
            heldCount = Math.Min(holdBack, total);
            output.Advance(total - heldCount);
            span.Slice(total - heldCount, heldCount).CopyTo(held);

            // Done once the input is taken and deflate stopped short of filling the space it had.
            if (stream->AvailIn == 0 && stream->AvailOut != 0)
            {
                break;
            }
        }

        if (holdBack == 0)
        {
            return;
        }

        // A flush with nothing new to flush writes nothing: that message is empty, and §7.2.3.6 spells it 00.
        if (heldCount == 0 && !wroteAny)
        {
            output.GetSpan(1)[0] = 0x00;
            output.Advance(1);
        }
        else if (!held[..heldCount].SequenceEqual(SyncMarker))
        {
            throw new InvalidOperationException("zlib's flush did not end in an empty stored block.");
        }
    }

    /// <summary>The empty stored block a sync or full flush ends with (RFC 7692 §7.2.1).</summary>
    internal static ReadOnlySpan<byte> SyncMarker => [0x00, 0x00, 0xff, 0xff];

    private static int ZLibLevel(CompressionLevel level) => level switch
    {
        CompressionLevel.NoCompression => 0,
        CompressionLevel.Fastest => 1,
        CompressionLevel.Optimal => 6,
        CompressionLevel.SmallestSize => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown compression level."),
    };
}
