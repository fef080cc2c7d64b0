using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Moonwire.Engine.Framing;

/// <summary>
/// Masking and unmasking (RFC 6455 §5.3): payload byte i is XOR-ed with key byte (i mod 4). The key is
/// the four wire bytes loaded little-endian; <c>offset</c> is where in the 4-byte cycle the span starts,
/// so a payload that arrives in pieces is unmasked piece by piece. Each call returns the next offset.
/// </summary>
public static class FrameMask
{
    /// <summary>XORs <paramref name="data"/> in place with the widest vectors the CPU has, then a scalar tail.</summary>
    public static int Apply(Span<byte> data, uint key, int offset) =>
        Apply(data, data, key, offset);

    /// <summary>Writes <paramref name="source"/> XOR mask into <paramref name="destination"/> (same length or longer; may be the same memory).</summary>
    public static int Apply(ReadOnlySpan<byte> source, Span<byte> destination, uint key, int offset)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var length = (nuint)source.Length;
        // Rotating the key makes byte 0 of the span line up with key byte `offset`.
        var rotated = BitOperations.RotateRight(key, 8 * (offset & 3));
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && length >= 64)
        {
            var mask = Vector512.Create(rotated).AsByte();
            for (; i + 64 <= length; i += 64)
            {
                (Vector512.LoadUnsafe(ref src, i) ^ mask).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector256.IsHardwareAccelerated && length - i >= 32)
        {
            var mask = Vector256.Create(rotated).AsByte();
            for (; i + 32 <= length; i += 32)
            {
                (Vector256.LoadUnsafe(ref src, i) ^ mask).StoreUnsafe(ref dst, i);
            }
        }

        if (Vector128.IsHardwareAccelerated && length - i >= 16)
        {
            var mask = Vector128.Create(rotated).AsByte();
            for (; i + 16 <= length; i += 16)
            {
                (Vector128.LoadUnsafe(ref src, i) ^ mask).StoreUnsafe(ref dst, i);
            }
        }

        var wide = ((ulong)rotated << 32) | rotated;
        for (; i + 8 <= length; i += 8)
        {
            var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, i)) ^ wide;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, i), value);
        }

        // i is a multiple of 4 here, so the tail (under 8 bytes) starts at key byte `offset` again.
        for (var k = wide; i < length; i++, k >>= 8)
        {
            Unsafe.Add(ref dst, i) = (byte)(Unsafe.Add(ref src, i) ^ (byte)k);
        }

        return (int)((uint)(offset + source.Length) & 3);
    }

    /// <summary>The one-byte-at-a-time reference the vector path is tested and benchmarked against.</summary>
    public static int ApplyScalar(Span<byte> data, uint key, int offset)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= (byte)(key >> (8 * ((offset + i) & 3)));
        }

        return (offset + data.Length) & 3;
    }
}
