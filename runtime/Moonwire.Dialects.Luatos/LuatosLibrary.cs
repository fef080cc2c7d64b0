using System.Text;

namespace Moonwire.Dialects.Luatos;

/// <summary>The Lua half of the dialect (Library/luatos.lua): sys, log, the 5.1 globals and ws:send/ping/pong.</summary>
internal static class LuatosLibrary
{
    public const string ChunkName = "=luatos.lib";

    public static ReadOnlySpan<byte> Source => Bytes;

    private static readonly byte[] Bytes = Load();

    private static byte[] Load()
    {
        using var stream = typeof(LuatosLibrary).Assembly.GetManifestResourceStream("Moonwire.Dialects.Luatos.luatos.lua")
            ?? throw new InvalidOperationException("the luatos.lua resource is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd());
    }
}
