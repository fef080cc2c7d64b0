using Moonwire.Dialects.Silly.Library;
using Moonwire.Dialects.Silly.WebSocket;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly;

/// <summary>
/// The silly dialect: <c>silly.net.websocket</c> (generated from specs/silly.yaml) and the modules its
/// document's examples use: <c>silly</c>, <c>silly.task</c>, <c>silly.net.http</c>, <c>silly.sync.channel</c>.
/// </summary>
/// <param name="tls">How wss:// clients check servers; the system trust store by default.</param>
public sealed class SillyDialect(ClientTlsOptions? tls = null) : IDialect
{
    /// <summary>The name a script selects it by.</summary>
    public const string DialectName = "silly";

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <inheritdoc/>
    public void Register(LuaHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var websocket = new SillyWebSocketModule(host, tls ?? new ClientTlsOptions());
        host.RunBindings(SillyBindings.WrapperChunk, SillyBindings.ChunkName, L => SillyBindings.PushRawFunctions(L, websocket));
        new SillyLibrary(host).Register();
        host.RunBindings(SillyChunk.Source, "=silly.library");
    }
}
