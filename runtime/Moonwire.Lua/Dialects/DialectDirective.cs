using System.Text;

namespace Moonwire.Lua;

/// <summary>
/// Reads the dialect a script names on its first line, <c>--!dialect NAME</c> (a Lua comment, so the
/// script stays valid Lua for its own platform).
/// </summary>
public static class DialectDirective
{
    private static ReadOnlySpan<byte> Prefix => "--!dialect"u8;

    /// <summary>The name after the directive, or null when the first line is not one.</summary>
    public static string? Read(ReadOnlySpan<byte> source)
    {
        var end = source.IndexOf((byte)'\n');
        var line = end < 0 ? source : source[..end];
        if (!line.StartsWith(Prefix))
        {
            return null;
        }

        var rest = line[Prefix.Length..];
        var name = rest.Trim(" \t\r"u8);
        if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '\t') || name.Length == 0 || name.IndexOfAny(" \t"u8) >= 0)
        {
            return null;
        }

        return Encoding.UTF8.GetString(name);
    }
}
