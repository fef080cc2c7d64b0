using System.Buffers.Binary;

namespace Moonwire.Engine.Framing;

/// <summary>
/// One frame header (RFC 6455 §5.2), read from and written to bytes without I/O or allocation.
/// The mask key is held as the four wire bytes loaded little-endian, so XOR-ing it over little-endian
/// loads of the payload applies byte i of the key to payload byte i (see <see cref="FrameMask"/>).
/// </summary>
public readonly record struct FrameHeader(
    bool Fin, bool Rsv1, bool Rsv2, bool Rsv3, Opcode Opcode, bool Masked, uint MaskKey, long PayloadLength, int Size)
{
    /// <summary>The longest header: 2 fixed bytes, an 8-byte length and a 4-byte mask key.</summary>
    public const int MaxSize = 14;

    /// <summary>Parses a header from the start of <paramref name="input"/>; nothing is consumed unless Done.</summary>
    public static FrameHeaderStatus TryRead(ReadOnlySpan<byte> input, out FrameHeader header)
    {
        header = default;
        if (input.Length < 2)
        {
            return FrameHeaderStatus.NeedMoreData;
        }

        var b0 = input[0];
        var b1 = input[1];
        var masked = (b1 & 0x80) != 0;
        var length7 = b1 & 0x7F;
        var extended = length7 switch { 126 => 2, 127 => 8, _ => 0 };
        var size = 2 + extended + (masked ? 4 : 0);
        if (input.Length < size)
        {
            return FrameHeaderStatus.NeedMoreData;
        }

        long length = extended switch
        {
            2 => BinaryPrimitives.ReadUInt16BigEndian(input[2..]),
            8 => BinaryPrimitives.ReadInt64BigEndian(input[2..]),
            _ => length7,
        };
        if (length < 0)
        {
            return FrameHeaderStatus.PayloadLengthTopBitSet;
        }

        var key = masked ? BinaryPrimitives.ReadUInt32LittleEndian(input[(2 + extended)..]) : 0;
        header = new FrameHeader(
            Fin: (b0 & 0x80) != 0, Rsv1: (b0 & 0x40) != 0, Rsv2: (b0 & 0x20) != 0, Rsv3: (b0 & 0x10) != 0,
            Opcode: (Opcode)(b0 & 0x0F), Masked: masked, MaskKey: key, PayloadLength: length, Size: size);
        return FrameHeaderStatus.Done;
    }

    /// <summary>The header size for a payload of <paramref name="payloadLength"/> bytes, using the shortest length form.</summary>
    public static int SizeOf(long payloadLength, bool masked) =>
        (payloadLength switch { <= 125 => 2, <= ushort.MaxValue => 4, _ => 10 }) + (masked ? 4 : 0);

    /// <summary>Writes a header with the shortest length form (§5.2 requires the minimal encoding); returns its size.</summary>
    public static int Write(Span<byte> output, bool fin, bool rsv1, Opcode opcode, long payloadLength, uint? maskKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        var size = SizeOf(payloadLength, maskKey.HasValue);
        if (output.Length < size)
        {
            throw new ArgumentException($"A {size}-byte header does not fit in {output.Length} bytes.", nameof(output));
        }

        output[0] = (byte)((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | ((byte)opcode & 0x0F));
        var maskBit = maskKey.HasValue ? 0x80 : 0;
        int keyAt;
        if (payloadLength <= 125)
        {
            output[1] = (byte)(maskBit | (int)payloadLength);
            keyAt = 2;
        }
        else if (payloadLength <= ushort.MaxValue)
        {
            output[1] = (byte)(maskBit | 126);
            BinaryPrimitives.WriteUInt16BigEndian(output[2..], (ushort)payloadLength);
            keyAt = 4;
        }
        else
        {
            output[1] = (byte)(maskBit | 127);
            BinaryPrimitives.WriteInt64BigEndian(output[2..], payloadLength);
            keyAt = 10;
        }

        if (maskKey is { } key)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output[keyAt..], key);
        }

        return size;
    }
}
