using System.Text;

namespace Moonwire.Engine.Tests.Support;

/// <summary>The deterministic payloads every interop peer builds too (tests/peers): text mixes 1- to 4-byte characters.</summary>
internal static class Payloads
{
    private static readonly byte[] Pattern = Encoding.UTF8.GetBytes("héllo wörld € 😀 ");

    public static byte[] Of(int size, bool text)
    {
        var payload = new byte[size];
        if (text)
        {
            var i = 0;
            for (; i + Pattern.Length <= size; i += Pattern.Length)
            {
                Pattern.CopyTo(payload, i);
            }

            payload.AsSpan(i).Fill((byte)'x');
        }
        else
        {
            for (var i = 0; i < size; i++)
            {
                payload[i] = (byte)((i * 31) + 7);
            }
        }

        return payload;
    }

    /// <summary>The sizes every interop run covers: the length-encoding edges and large messages.</summary>
    public static readonly int[] InteropSizes = [0, 1, 125, 126, 127, 65_535, 65_536, 1 << 20, 16 << 20];
}
