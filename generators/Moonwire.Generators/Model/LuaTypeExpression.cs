using System;
using System.Collections.Generic;
using System.Linq;

namespace Moonwire.Generators.Model;

/// <summary>One alternative of a spec type: a base Lua type, a named spec type, <c>T[]</c> or
/// <c>table&lt;K,V&gt;</c>.</summary>
internal sealed record TypeTerm(TypeTermKind Kind, string Name);

internal enum TypeTermKind
{
    Base,
    Named,
    List,
    Map,
}

/// <summary>Reads the type notation of the spec format (see specs/README.md).</summary>
internal static class LuaTypeExpression
{
    public static readonly string[] BaseTypes = ["string", "integer", "number", "boolean", "function", "table", "any", "nil"];

    /// <summary>The alternatives of a union, in the order written.</summary>
    public static IReadOnlyList<TypeTerm> Parse(string type) =>
        SplitTopLevel(type).Select(ParseTerm).ToArray();

    /// <summary>The named spec types a type refers to (element and value types included).</summary>
    public static IEnumerable<string> ReferencedNames(string type)
    {
        foreach (var term in Parse(type))
        {
            switch (term.Kind)
            {
                case TypeTermKind.Named:
                    yield return term.Name;
                    break;
                case TypeTermKind.List or TypeTermKind.Map:
                    foreach (var name in ReferencedNames(term.Name))
                    {
                        yield return name;
                    }
                    break;
            }
        }
    }

    private static TypeTerm ParseTerm(string text)
    {
        var term = text.Trim();
        if (term.EndsWith("[]", StringComparison.Ordinal))
        {
            return new TypeTerm(TypeTermKind.List, term.Substring(0, term.Length - 2));
        }
        if (term.StartsWith("table<", StringComparison.Ordinal) && term.EndsWith(">", StringComparison.Ordinal))
        {
            // The map's key and value types, "K,V", kept as one name; ReferencedNames splits them.
            return new TypeTerm(TypeTermKind.Map, term.Substring(6, term.Length - 7).Replace(",", "|"));
        }
        return new TypeTerm(Array.IndexOf(BaseTypes, term) >= 0 ? TypeTermKind.Base : TypeTermKind.Named, term);
    }

    private static IEnumerable<string> SplitTopLevel(string type)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < type.Length; i++)
        {
            switch (type[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    depth--;
                    break;
                case '|' when depth == 0:
                    yield return type.Substring(start, i - start);
                    start = i + 1;
                    break;
            }
        }
        yield return type.Substring(start);
    }
}
