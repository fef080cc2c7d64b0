using System.Buffers.Binary;

namespace Moonwire.Engine.Tests.Support;

/// <summary>
/// Frame bytes built by hand, independent of the codec under test, so tests can also build frames no
/// conforming writer would (reserved bits, reserved opcodes, long control frames, non-minimal lengths).
/// </summary>
internal static class RawFrame
{
    public static readonly byte[] MaskKey = [0x37, 0xfa, 0x21, 0x3d];

    public static byte[] Build(int opcode, ReadOnlySpan<byte> payload, bool fin = true, bool mask = true, int rsv = 0, int? forceLengthBytes = null) =>
        Build(opcode, payload, payload.Length, fin, mask, rsv, forceLengthBytes);

    /// <summary>A frame whose header announces <paramref name="announcedLength"/> bytes, whatever follows it.</summary>
    public static byte[] Build(int opcode, ReadOnlySpan<byte> payload, long announcedLength, bool fin = true, bool mask = true, int rsv = 0, int? forceLengthBytes = null)
    {
        var lengthBytes = forceLengthBytes ?? (announcedLength < 126 ? 0 : announcedLength <= ushort.MaxValue ? 2 : 8);
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (rsv << 4) | opcode) };
        var maskBit = mask ? 0x80 : 0;
        switch (lengthBytes)
        {
            case 0:
                header.Add((byte)(maskBit | (int)announcedLength));
                break;
            case 2:
                header.Add((byte)(maskBit | 126));
                header.AddRange(BigEndian((ulong)announcedLength, 2));
                break;
            default:
                header.Add((byte)(maskBit | 127));
                header.AddRange(BigEndian((ulong)announcedLength, 8));
                break;
        }

        if (mask)
        {
            header.AddRange(MaskKey);
        }

        var frame = new byte[header.Count + payload.Length];
        header.CopyTo(frame);
        var body = frame.AsSpan(header.Count);
        payload.CopyTo(body);
        for (var i = 0; mask && i < body.Length; i++)
        {
            body[i] ^= MaskKey[i % 4];
        }

        return frame;
    }

    public static byte[] Close(ushort code, string reason = "", bool mask = true)
    {
        var reasonBytes = System.Text.Encoding.UTF8.GetBytes(reason);
        var payload = new byte[2 + reasonBytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        reasonBytes.CopyTo(payload, 2);
        return Build(0x8, payload, mask: mask);
    }

    private static byte[] BigEndian(ulong value, int bytes)
    {
        var result = new byte[bytes];
        for (var i = bytes - 1; i >= 0; i--, value >>= 8)
        {
            result[i] = (byte)value;
        }

        return result;
    }
}
