namespace Moonwire.Dialects.Silly.Library;

/// <summary>Silly.lua, the Lua side of the companion modules, embedded in the assembly.</summary>
internal static class SillyChunk
{
    public static ReadOnlySpan<byte> Source => s_source;

    private static readonly byte[] s_source = Load();

    private static byte[] Load()
    {
        using var stream = typeof(SillyChunk).Assembly.GetManifestResourceStream("Moonwire.Dialects.Silly.Silly.lua")
            ?? throw new InvalidOperationException("Silly.lua is missing from Moonwire.Dialects.Silly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
