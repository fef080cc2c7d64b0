using System.Text;

namespace Moonwire.Conformance.Cases;

/// <summary>Payload builders for case scripts.</summary>
internal static class Bytes
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>A short pattern repeated to exactly <paramref name="length"/> octets.</summary>
    public static byte[] Fill(string pattern, int length)
    {
        var unit = Utf8(pattern);
        var result = new byte[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = unit[i % unit.Length];
        }

        return result;
    }

    /// <summary>The binary payload Autobahn uses for pings, pongs and binary frames in groups 2 and 3.</summary>
    public static byte[] SmallBinary => [0x00, 0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0x00, 0xFF];
}
