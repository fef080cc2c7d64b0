using System.Buffers.Binary;

namespace Moonwire.Conformance.Wire;

/// <summary>
/// Cuts the testee's byte stream into frames. It only parses; judging what a frame means (reserved bits,
/// masking by role, control-frame rules) is <see cref="FrameRules"/>' job.
/// </summary>
public sealed class FrameDecoder
{
    // Group 9 sends up to 16 MiB messages; anything larger from an echo peer is a fault.
    private const long MaxPayload = 64L * 1024 * 1024;

    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Space to read into; call <see cref="Advance"/> with the count read.</summary>
    public Memory<byte> FreeSpace()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>The next whole frame, or null when more bytes are needed. Throws on an impossible length.</summary>
    public Frame? TryRead()
    {
        var data = _buffer.AsSpan(_start, _end - _start);
        if (data.Length < 2)
        {
            return null;
        }

        var masked = (data[1] & 0x80) != 0;
        long length = data[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            if (data.Length < 4)
            {
                return null;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            if (data.Length < 10)
            {
                return null;
            }

            var wide = BinaryPrimitives.ReadUInt64BigEndian(data[2..]);
            if (wide > MaxPayload)
            {
                throw new InvalidDataException($"frame length {wide} exceeds the suite's limit");
            }

            length = (long)wide;
            offset = 10;
        }

        var keyOffset = offset;
        if (masked)
        {
            offset += 4;
        }

        if (data.Length < offset + length)
        {
            return null;
        }

        var payload = data.Slice(offset, (int)length).ToArray();
        if (masked)
        {
            var key = data.Slice(keyOffset, 4);
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] ^= key[i & 3];
            }
        }

        _start += offset + (int)length;
        return new Frame((data[0] & 0x80) != 0, (data[0] >> 4) & 7, data[0] & 0x0F, payload, masked);
    }
}
