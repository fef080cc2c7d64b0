namespace Moonwire.Lua;

/// <summary>No platform API at all: the script gets Lua's standard library and the <c>moonwire</c> table.</summary>
public sealed class PlainDialect : IDialect
{
    /// <summary>The name a script selects it by: <c>plain</c>.</summary>
    public const string DialectName = "plain";

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <inheritdoc/>
    public void Register(LuaHost host)
    {
        // The host installs the moonwire table itself; plain adds nothing to it.
    }
}
