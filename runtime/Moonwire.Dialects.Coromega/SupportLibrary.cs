namespace Moonwire.Dialects.Coromega;

/// <summary>The Lua half of the dialect (Library/Coromega.lua), embedded in the assembly.</summary>
internal static class SupportLibrary
{
    public const string ChunkName = "=coromega-support";

    public static byte[] Source { get; } = Load();

    private static byte[] Load()
    {
        using var stream = typeof(SupportLibrary).Assembly.GetManifestResourceStream("Moonwire.Dialects.Coromega.Coromega.lua")
            ?? throw new InvalidOperationException("Coromega.lua is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
