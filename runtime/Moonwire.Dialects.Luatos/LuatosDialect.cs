using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary>
/// LuatOS-Air (Air724UG script library): the <c>websocket</c> module over the Moonwire engine, plus the
/// <c>sys</c> task model, <c>log</c> and the Lua 5.1 globals its scripts use.
/// </summary>
public sealed class LuatosDialect : IDialect
{
    /// <summary>The name a script selects it by.</summary>
    public const string DialectName = "luatos";

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <inheritdoc/>
    public void Register(LuaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.RunBindings(LuatosBindings.WrapperChunk, LuatosBindings.ChunkName, L => LuatosBindings.PushRawFunctions(L, new WebsocketModule(host)));
        host.RunBindings(LuatosLibrary.Source, LuatosLibrary.ChunkName);
    }
}
