using System.Buffers;
using static Moonwire.Engine.Compression.ZLibNative;

namespace Moonwire.Engine.Compression;

/// <summary>
/// Decompresses incoming permessage-deflate messages (RFC 7692 §7.2.2): feeds each frame's payload to a raw
/// inflater, appends the 00 00 ff ff the sender removed after the last one, and stops as soon as the output
/// would pass the caller's limit, so a small bomb never costs more memory than the limit. A message whose data
/// stops inside a block is corrupt: the appended bytes must close it on a block boundary. Not thread-safe.
/// </summary>
public sealed unsafe class MessageInflater : IDisposable
{
    private const int MinOutputChunk = 256;
    private const int MaxOutputChunk = 64 * 1024;

    private readonly ZStreamHandle _stream;
    private readonly int _windowBits;
    private readonly bool _noContextTakeover;
    private bool _streamEnded;
    private bool _messageHasData;

    /// <param name="windowBits">8..15; 15 decodes every peer, since a wider window accepts any narrower stream.</param>
    /// <param name="noContextTakeover">The peer starts every message afresh, so the window is dropped between them.</param>
    public MessageInflater(int windowBits, bool noContextTakeover)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowBits, 15);
        _windowBits = windowBits;
        _noContextTakeover = noContextTakeover;
        _stream = ZStreamHandle.ForRawInflate(windowBits);
    }

    /// <summary>
    /// Inflates one frame's payload of a compressed message, appending at most <paramref name="maxOutputBytes"/>
    /// bytes to <paramref name="output"/>. After anything but <see cref="InflateStatus.Ok"/> the message is lost
    /// and so is the connection's context; the caller fails the connection.
    /// </summary>
    public InflateStatus Inflate(ReadOnlySpan<byte> input, bool endOfMessage, IBufferWriter<byte> output, long maxOutputBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputBytes);
        var addedRef = false;
        try
        {
            // The reference keeps zlib's state alive for this call even if another thread disposes us meanwhile.
            _stream.DangerousAddRef(ref addedRef);
            return InflateCore(input, endOfMessage, output, maxOutputBytes);
        }
        finally
        {
            if (addedRef)
            {
                _stream.DangerousRelease();
            }
        }
    }

    /// <summary>Frees the zlib stream.</summary>
    public void Dispose() => _stream.Dispose();

    private InflateStatus InflateCore(ReadOnlySpan<byte> input, bool endOfMessage, IBufferWriter<byte> output, long maxOutputBytes)
    {
        // Nothing may follow a block with BFINAL set within its message: the DEFLATE stream has ended.
        var status = _streamEnded && !input.IsEmpty ? InflateStatus.Corrupt : Feed(input, output, ref maxOutputBytes);
        _messageHasData |= !input.IsEmpty;
        if (status != InflateStatus.Ok || !endOfMessage)
        {
            return status;
        }

        // An empty payload is an empty message: no block was started, so none can be left open, and the
        // marker alone would begin one. Leaving zlib untouched keeps the window for the next message.
        if (!_streamEnded && _messageHasData)
        {
            status = Feed(SyncMarkerAndProbe, output, ref maxOutputBytes, unread: 1);
            if (status == InflateStatus.Ok && _noContextTakeover)
            {
                Reset();
            }
        }

        _streamEnded = false;
        _messageHasData = false;
        return status;
    }

    /// <summary>
    /// The 00 00 ff ff that ends a message, then one byte zlib must leave unread. Inflating them block by block
    /// (zlib's Z_BLOCK stops at each block boundary), a message that ended on a boundary stops at the empty
    /// stored block's end with the probe byte still unread; one that stopped inside a block reads on into it.
    /// The runtime's zlib shim exposes no <c>data_type</c>, the usual way to ask where a block ended.
    /// </summary>
    private static ReadOnlySpan<byte> SyncMarkerAndProbe => [0x00, 0x00, 0xff, 0xff, 0x00];

    private InflateStatus Feed(ReadOnlySpan<byte> input, IBufferWriter<byte> output, ref long remaining, uint unread = 0)
    {
        var stream = _stream.Stream;
        var chunkSize = (int)Math.Clamp(input.Length * 4L, MinOutputChunk, MaxOutputChunk);
        fixed (byte* next = input)
        {
            stream->NextIn = next;
            stream->AvailIn = (uint)input.Length;
            try
            {
                return Drain(stream, chunkSize, output, ref remaining, unread);
            }
            finally
            {
                stream->NextIn = null;
                stream->AvailIn = 0;
            }
        }
    }

    // unread: bytes at the end of the input zlib must leave unread (the probe's, when a message ends).
    private InflateStatus Drain(ZStream* stream, int chunkSize, IBufferWriter<byte> output, ref long remaining, uint unread)
    {
        var flush = unread == 0 ? Flush.Sync : Flush.Block;
        while (true)
        {
            var span = output.GetSpan(chunkSize);

            // Room for one byte past the limit: producing it proves the message too big without inflating more.
            var room = remaining < span.Length ? (int)remaining + 1 : span.Length;
            Result result;
            int produced;
            fixed (byte* next = span)
            {
                stream->NextOut = next;
                stream->AvailOut = (uint)room;
                result = ZLibNative.Inflate(stream, flush);
                produced = room - (int)stream->AvailOut;
                stream->NextOut = null;
            }

            if (produced > remaining)
            {
                return InflateStatus.MessageTooBig;
            }

            output.Advance(produced);
            remaining -= produced;
            switch (result)
            {
                case Result.Ok when stream->AvailOut == 0 || stream->AvailIn > unread:
                    continue;
                case Result.Ok or Result.BufferError when stream->AvailIn == unread:
                    return InflateStatus.Ok;
                case Result.StreamEnd:
                    // A sender may end a message with BFINAL set (RFC 7692 §7.2.3.4). That ends zlib's stream,
                    // so the next message starts a new one; its window is lost, as it is for the zlib sender.
                    Reset();
                    _streamEnded = true;
                    return stream->AvailIn == unread ? InflateStatus.Ok : InflateStatus.Corrupt;
                case Result.Ok or Result.DataError or Result.NeedDictionary or Result.BufferError:
                    return InflateStatus.Corrupt;
                case Result.MemoryError:
                    throw new InsufficientMemoryException("zlib could not allocate its window.");
                default:
                    throw new InvalidOperationException($"zlib failed to decompress: {result}.");
            }
        }
    }

    private void Reset()
    {
        var result = InflateReset2(_stream.Stream, -_windowBits);
        if (result != Result.Ok)
        {
            throw new InvalidOperationException($"zlib failed to reset: {result}.");
        }
    }
}
