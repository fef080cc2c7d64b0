namespace Moonwire.Lua;

/// <summary>No platform API at all: the script gets Lua's standard library and the <c>moonwire</c> table.</summary>
public sealed class PlainDialect : IDialect
{
    public const string DialectName = "plain";

    public string Name => DialectName;

    public void Register(LuaHost host)
    {
        // The host installs the moonwire table itself; plain adds nothing to it.
    }
}
