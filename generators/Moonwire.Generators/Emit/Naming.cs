using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Moonwire.Generators.Emit;

/// <summary>C# names from Lua names: <c>is_open</c> → <c>IsOpen</c>, <c>net.ws_server</c> →
/// <c>NetWsServer</c>, <c>content_type</c> → <c>contentType</c>.</summary>
internal static class Naming
{
    public static string Pascal(string luaName)
    {
        var builder = new StringBuilder();
        foreach (var part in luaName.Split('_', '.', '-', ' ').Where(p => p.Length > 0))
        {
            // An all-capitals word (CONNECTING) is a constant's spelling, not an acronym to keep.
            var word = part.All(c => !char.IsLower(c)) ? part.ToLowerInvariant() : part;
            builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }
        return builder.ToString();
    }

    public static string Camel(string luaName)
    {
        var pascal = Pascal(luaName);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) == SyntaxKind.None ? camel : "@" + camel;
    }

    /// <summary>A C# string literal for <paramref name="text"/>.</summary>
    public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
}
