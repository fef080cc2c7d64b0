using System.Diagnostics.CodeAnalysis;

namespace Moonwire.Lua;

/// <summary>The dialects a script can ask for, by name.</summary>
public sealed class DialectRegistry
{
    private readonly Dictionary<string, IDialect> _byName;

    /// <summary>A registry of <paramref name="dialects"/>; their names must differ.</summary>
    public DialectRegistry(IEnumerable<IDialect> dialects)
    {
        _byName = dialects.ToDictionary(dialect => dialect.Name, StringComparer.Ordinal);
    }

    /// <summary>Every dialect's name, sorted.</summary>
    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>The dialect called <paramref name="name"/> (case-sensitive), if there is one.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out IDialect? dialect) => _byName.TryGetValue(name, out dialect);
}
