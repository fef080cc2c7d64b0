using System.Diagnostics.CodeAnalysis;

namespace Moonwire.Lua;

/// <summary>The dialects a script can ask for, by name.</summary>
public sealed class DialectRegistry
{
    private readonly Dictionary<string, IDialect> _byName;

    public DialectRegistry(IEnumerable<IDialect> dialects)
    {
        _byName = dialects.ToDictionary(dialect => dialect.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, [NotNullWhen(true)] out IDialect? dialect) => _byName.TryGetValue(name, out dialect);
}
