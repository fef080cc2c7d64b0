namespace Moonwire.Dialects.Hoozi;

/// <summary>The json, log, event and game modules (Companions.lua, embedded).</summary>
internal static class Companions
{
    public const string ChunkName = "=hoozi.companions";

    public static byte[] Source { get; } = Read();

    private static byte[] Read()
    {
        using var stream = typeof(Companions).Assembly.GetManifestResourceStream("Moonwire.Dialects.Hoozi.Companions.lua")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
