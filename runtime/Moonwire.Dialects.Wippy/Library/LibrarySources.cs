namespace Moonwire.Dialects.Wippy.Library;

/// <summary>The Lua half of the dialect's supporting modules, embedded from this folder.</summary>
internal static class LibrarySources
{
    // Later chunks use what earlier ones put in package.loaded.
    private static readonly string[] Names = ["compat51", "errors", "channel", "time", "json", "stream"];

    public static IEnumerable<(string ChunkName, byte[] Source)> InLoadOrder()
    {
        var assembly = typeof(LibrarySources).Assembly;
        foreach (var name in Names)
        {
            using var stream = assembly.GetManifestResourceStream($"wippy.{name}.lua")
                ?? throw new InvalidOperationException($"the Lua library 'wippy.{name}.lua' is not embedded");
            var source = new byte[stream.Length];
            stream.ReadExactly(source);
            yield return ("=wippy." + name, source);
        }
    }
}
