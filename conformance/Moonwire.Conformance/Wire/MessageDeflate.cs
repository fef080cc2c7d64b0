using System.IO.Compression;

namespace Moonwire.Conformance.Wire;

/// <summary>
/// permessage-deflate for one direction pair (RFC 7692 §7.2). Compression always uses zlib's 15-bit
/// window: the fuzzer never offers (as client) or is asked (as server, since it never offers
/// client_max_window_bits) to use a smaller one, and inflating accepts every window size.
/// </summary>
public sealed class MessageDeflate : IDisposable
{
    // §7.2.1: a sync flush ends every message with these four octets, which the sender removes.
    private static readonly byte[] Tail = [0x00, 0x00, 0xFF, 0xFF];

    private readonly bool _resetDeflater;
    private readonly bool _resetInflater;
    private readonly MemoryStream _deflated = new();
    private DeflateStream? _deflater;
    private PendingInput _input = new();
    private DeflateStream? _inflater;

    /// <param name="resetDeflater">No context takeover for what this side sends.</param>
    /// <param name="resetInflater">No context takeover for what the peer sends.</param>
    public MessageDeflate(bool resetDeflater, bool resetInflater)
    {
        _resetDeflater = resetDeflater;
        _resetInflater = resetInflater;
    }

    public byte[] Compress(ReadOnlySpan<byte> message)
    {
        _deflater ??= new DeflateStream(_deflated, CompressionLevel.Optimal, leaveOpen: true);
        _deflated.SetLength(0);
        _deflater.Write(message);
        _deflater.Flush();
        var output = _deflated.ToArray();
        if (_resetDeflater)
        {
            _deflater.Dispose();
            _deflater = null;
        }

        return output.AsSpan().EndsWith(Tail) ? output[..^Tail.Length] : output;
    }

    /// <summary>Inflates one message; throws <see cref="InvalidDataException"/> on a corrupt stream.</summary>
    public byte[] Decompress(byte[] message)
    {
        _inflater ??= new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        _input.Push(message);
        _input.Push(Tail);
        var output = new MemoryStream();
        _inflater.CopyTo(output);
        if (_resetInflater)
        {
            _inflater.Dispose();
            _inflater = null;
            _input = new PendingInput();
        }

        return output.ToArray();
    }

    public void Dispose()
    {
        _deflater?.Dispose();
        _inflater?.Dispose();
        _deflated.Dispose();
    }

    /// <summary>
    /// Input for a long-lived inflater: reading past what was pushed returns 0, which DeflateStream
    /// takes as "no more for now", so the sliding window survives into the next message.
    /// </summary>
    private sealed class PendingInput : Stream
    {
        private readonly Queue<byte[]> _chunks = new();
        private byte[] _current = [];
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public void Push(byte[] chunk) => _chunks.Enqueue(chunk);

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_position == _current.Length)
            {
                if (!_chunks.TryDequeue(out var next))
                {
                    return 0;
                }

                _current = next;
                _position = 0;
            }

            var count = Math.Min(buffer.Length, _current.Length - _position);
            _current.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
