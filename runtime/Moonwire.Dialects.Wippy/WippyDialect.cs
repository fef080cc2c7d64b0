using Moonwire.Dialects.Wippy.Library;
using Moonwire.Dialects.Wippy.Security;
using Moonwire.Dialects.Wippy.Websocket;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy;

/// <summary>
/// Wippy's <c>websocket</c> client module with the modules its scripts lean on (<c>channel</c>,
/// <c>time</c>, <c>errors</c>, <c>json</c>) and the Lua 5.1 globals of its runtime. A Wippy script is a
/// process: its main chunk runs as a coroutine, so it may wait.
/// </summary>
public sealed class WippyDialect(SecurityPolicy? policy = null) : IDialect
{
    /// <summary>The name a script selects it by.</summary>
    public const string DialectName = "wippy";

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <inheritdoc/>
    public bool RunsScriptAsCoroutine => true;

    /// <inheritdoc/>
    public void Register(LuaHost host)
    {
        new Primitives(host).Bind();
        var websocket = new WebsocketModule(host, policy ?? SecurityPolicy.AllowAll);
        host.RunBindings(WippyBindings.WrapperChunk, WippyBindings.ChunkName, L => WippyBindings.PushRawFunctions(L, websocket));
        foreach (var (name, source) in LibrarySources.InLoadOrder())
        {
            host.RunBindings(source, name);
        }
    }
}
