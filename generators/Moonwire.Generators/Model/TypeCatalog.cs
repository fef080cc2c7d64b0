using System;
using System.Collections.Generic;
using System.Linq;

namespace Moonwire.Generators.Model;

internal enum NamedTypeKind
{
    Userdata,
    OptionsTable,
    CallbackTable,
    RecordTable,
    Callback,
    Enum,
}

/// <summary>The named types of one spec and the Lua types (as <c>type()</c> names them) each type
/// notation accepts: what overload dispatch and argument checks are built on.</summary>
internal sealed class TypeCatalog(IReadOnlyDictionary<string, NamedTypeKind> named)
{
    public static TypeCatalog For(DialectSpec spec)
    {
        var named = new Dictionary<string, NamedTypeKind>(StringComparer.Ordinal);
        foreach (var type in spec.Types)
        {
            named[type.Name] = NamedTypeKind.Userdata;
        }
        foreach (var table in spec.Tables)
        {
            named[table.Name] = table.Kind switch
            {
                TableKind.Options => NamedTypeKind.OptionsTable,
                TableKind.Callbacks => NamedTypeKind.CallbackTable,
                _ => NamedTypeKind.RecordTable,
            };
        }
        foreach (var callback in spec.Callbacks)
        {
            named[callback.Name] = NamedTypeKind.Callback;
        }
        foreach (var enumeration in spec.Enums)
        {
            named[enumeration.Name] = NamedTypeKind.Enum;
        }
        return new TypeCatalog(named);
    }

    public bool IsKnown(string name) => named.ContainsKey(name);

    public NamedTypeKind? KindOf(string name) => named.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>The Lua types a value of <paramref name="type"/> may have; "nil" too when optional.
    /// Strings accept numbers, as <c>luaL_checklstring</c> does.</summary>
    public IReadOnlyCollection<string> LuaTypes(string type, bool optional)
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var term in LuaTypeExpression.Parse(type))
        {
            foreach (var luaType in LuaTypesOf(term))
            {
                set.Add(luaType);
            }
        }
        if (optional)
        {
            set.Add("nil");
        }
        return set;
    }

    /// <summary>How Lua's messages name what a type accepts ("string", "function", "WsServer"), in
    /// the order written, nil left out.</summary>
    public IEnumerable<string> ExpectedNames(string type) =>
        LuaTypeExpression.Parse(type)
            .Select(term => term.Kind switch
            {
                TypeTermKind.List or TypeTermKind.Map => "table",
                TypeTermKind.Base => term.Name switch
                {
                    "integer" => "number",
                    "any" => "value",
                    _ => term.Name,
                },
                _ => KindOf(term.Name) switch
                {
                    NamedTypeKind.Userdata => term.Name,
                    NamedTypeKind.Callback => "function",
                    NamedTypeKind.Enum => "string",
                    _ => "table",
                },
            })
            .Where(name => name != "nil")
            .Distinct();

    /// <summary>The first argument position (1-based) at which no two overloads accept the same Lua
    /// type, or null when none does.</summary>
    public int? FindDiscriminator(IReadOnlyList<OverloadSpec> overloads)
    {
        var longest = overloads.Max(o => o.Params.Count);
        for (var position = 1; position <= longest; position++)
        {
            var sets = overloads.Select(o => AcceptedAt(o, position)).ToArray();
            var disjoint = true;
            for (var i = 0; i < sets.Length && disjoint; i++)
            {
                for (var j = i + 1; j < sets.Length && disjoint; j++)
                {
                    disjoint = !sets[i].Overlaps(sets[j]);
                }
            }
            if (disjoint)
            {
                return position;
            }
        }
        return null;
    }

    private HashSet<string> AcceptedAt(OverloadSpec overload, int position) =>
        position <= overload.Params.Count
            ? new HashSet<string>(LuaTypes(overload.Params[position - 1].Type, overload.Params[position - 1].Optional), StringComparer.Ordinal)
            : new HashSet<string>(["nil"], StringComparer.Ordinal);

    private IEnumerable<string> LuaTypesOf(TypeTerm term) => term.Kind switch
    {
        TypeTermKind.List or TypeTermKind.Map => ["table"],
        TypeTermKind.Base => term.Name switch
        {
            "string" => ["string", "number"],
            "integer" => ["number"],
            "any" => ["nil", "boolean", "number", "string", "table", "function", "userdata", "thread"],
            _ => [term.Name],
        },
        _ => KindOf(term.Name) switch
        {
            NamedTypeKind.Userdata => ["userdata"],
            NamedTypeKind.Callback => ["function"],
            NamedTypeKind.Enum => ["string"],
            null => [],
            _ => ["table"],
        },
    };
}
