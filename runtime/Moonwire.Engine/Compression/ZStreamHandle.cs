using System.Runtime.InteropServices;
using static Moonwire.Engine.Compression.ZLibNative;

namespace Moonwire.Engine.Compression;

/// <summary>
/// Owns one native <see cref="ZStream"/> and the zlib state behind it. The struct lives in native memory,
/// so it never moves and needs no pinning; the finalizer frees zlib's buffers (~256 KiB for a deflater)
/// if an owner forgets to dispose.
/// </summary>
internal sealed unsafe class ZStreamHandle : SafeHandle
{
    private readonly bool _isDeflater;

    private ZStreamHandle(bool isDeflater)
        : base(nint.Zero, ownsHandle: true)
    {
        _isDeflater = isDeflater;
        SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(ZStream)));
    }

    public override bool IsInvalid => handle == nint.Zero;

    public ZStream* Stream => (ZStream*)handle;

    public static ZStreamHandle ForRawDeflate(int level, int windowBits)
    {
        var stream = new ZStreamHandle(isDeflater: true);
        var result = DeflateInit2(stream.Stream, level, DeflatedMethod, -windowBits, DefaultMemoryLevel, DefaultStrategy);
        return stream.Initialized(result);
    }

    public static ZStreamHandle ForRawInflate(int windowBits)
    {
        var stream = new ZStreamHandle(isDeflater: false);
        return stream.Initialized(InflateInit2(stream.Stream, -windowBits));
    }

    protected override bool ReleaseHandle()
    {
        // The shim's End frees its z_stream even after zlib's Init failed; InternalState is null only if that calloc failed.
        if (Stream->InternalState != nint.Zero)
        {
            _ = _isDeflater ? DeflateEnd(Stream) : InflateEnd(Stream);
        }

        NativeMemory.Free((void*)handle);
        return true;
    }

    private ZStreamHandle Initialized(Result result)
    {
        if (result == Result.Ok)
        {
            return this;
        }

        Dispose();
        throw result == Result.MemoryError
            ? new InsufficientMemoryException("zlib could not allocate its state.")
            : new InvalidOperationException($"zlib refused to initialise a stream: {result}.");
    }
}
