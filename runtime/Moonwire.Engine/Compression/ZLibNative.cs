using System.Runtime.InteropServices;

namespace Moonwire.Engine.Compression;

/// <summary>
/// The zlib (zlib-ng) that ships with .NET, reached through the runtime's own shim library. Its
/// <c>PAL_ZStream</c> exposes zlib's raw-deflate mode and sync flush, which <c>DeflateStream</c> does not:
/// permessage-deflate needs both (RFC 7692 §7.2.1). Negative window bits select raw deflate.
/// </summary>
internal static unsafe partial class ZLibNative
{
    private const string Library = "libSystem.IO.Compression.Native";

    /// <summary>zlib's Z_DEFLATED, the only compression method.</summary>
    public const int DeflatedMethod = 8;

    /// <summary>zlib's default memLevel: 128 KiB of hash tables, the speed/memory balance zlib recommends.</summary>
    public const int DefaultMemoryLevel = 8;

    /// <summary>zlib's Z_DEFAULT_STRATEGY.</summary>
    public const int DefaultStrategy = 0;

    /// <summary>The shim's <c>PAL_ZStream</c>: field order and widths must match it exactly.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public nint Message;
        public nint InternalState;
        public uint AvailIn;
        public uint AvailOut;
    }

    public enum Flush
    {
        None = 0,
        Sync = 2,

        /// <summary>A sync flush that also forgets the window, so later output never refers back past it.</summary>
        Full = 3,

        /// <summary>zlib's Z_BLOCK: inflate stops at the end of each block, before the next block's header.</summary>
        Block = 5,
    }

    public enum Result
    {
        Ok = 0,
        StreamEnd = 1,
        NeedDictionary = 2,
        StreamError = -2,
        DataError = -3,
        MemoryError = -4,
        BufferError = -5,
        VersionError = -6,
    }

    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateInit2_")]
    public static partial Result DeflateInit2(ZStream* stream, int level, int method, int windowBits, int memLevel, int strategy);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Deflate")]
    public static partial Result Deflate(ZStream* stream, Flush flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateEnd")]
    public static partial Result DeflateEnd(ZStream* stream);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateInit2_")]
    public static partial Result InflateInit2(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Inflate")]
    public static partial Result Inflate(ZStream* stream, Flush flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateReset2_")]
    public static partial Result InflateReset2(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateEnd")]
    public static partial Result InflateEnd(ZStream* stream);
}
