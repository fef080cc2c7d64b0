namespace Moonwire.Lua;

/// <summary>The prelude's Lua source, embedded in the assembly.</summary>
internal static class Prelude
{
    public static ReadOnlySpan<byte> Source => s_source;

    private static readonly byte[] s_source = Load();

    private static byte[] Load()
    {
        using var stream = typeof(Prelude).Assembly.GetManifestResourceStream("Moonwire.Lua.Prelude.lua")
            ?? throw new InvalidOperationException("The prelude resource is missing from Moonwire.Lua.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
