using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Moonwire.Conformance.Wire;

/// <summary>
/// Writes frames exactly as told, including the illegal ones (reserved bits and opcodes, oversized or
/// fragmented control frames): the suite exists to send them. Masks when the fuzzer is the client.
/// </summary>
public static class FrameEncoder
{
    public static byte[] Encode(int opcode, ReadOnlySpan<byte> payload, bool fin, int rsv, bool mask)
    {
        var lengthSize = payload.Length <= 125 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var headerSize = 2 + lengthSize + (mask ? 4 : 0);
        var frame = new byte[headerSize + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0F));
        var maskBit = mask ? 0x80 : 0;
        switch (lengthSize)
        {
            case 0:
                frame[1] = (byte)(maskBit | payload.Length);
                break;
            case 2:
                frame[1] = (byte)(maskBit | 126);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = (byte)(maskBit | 127);
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        var body = frame.AsSpan(headerSize);
        payload.CopyTo(body);
        if (mask)
        {
            var key = frame.AsSpan(2 + lengthSize, 4);
            RandomNumberGenerator.Fill(key);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= key[i & 3];
            }
        }

        return frame;
    }
}
