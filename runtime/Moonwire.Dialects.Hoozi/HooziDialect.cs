using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// The HOOZi <c>net</c> module (specs/hoozi.yaml) with the json, log, event and game modules its
/// examples use. One instance serves one host at a time.
/// </summary>
/// <param name="tls">
/// How <c>net.ws:connect</c> checks wss:// servers and <c>net.http</c> https:// ones: the system trust
/// store by default, or other roots the host trusts (a private CA, e.g. from <see cref="TlsCertificates.RootsFromPemFile"/>).
/// </param>
public sealed class HooziDialect(ClientTlsOptions? tls = null) : IDialect
{
    /// <summary>The name a script selects it by.</summary>
    public const string DialectName = "hoozi";

    private HooziSession? _session;
    private NetWs? _netWs;

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <summary>net.ws connections that have not finished yet.</summary>
    internal int LiveClientCount => _netWs?.LiveCount ?? 0;

    /// <inheritdoc/>
    public void Register(LuaHost host)
    {
        _session = new HooziSession(host);
        var trust = tls ?? new ClientTlsOptions();
        _netWs = new NetWs(_session, trust);
        var http = new NetHttp(_session, trust);
        var servers = new NetWsServer(_session);
        host.RunBindings(HooziBindings.WrapperChunk, HooziBindings.ChunkName, L => HooziBindings.PushRawFunctions(L, http, _netWs, servers));
        host.RunBindings(Companions.Source, Companions.ChunkName);
    }

    /// <summary>
    /// Unloads the script the way the HOOZi host does: it gets <c>script_unloaded</c>, then its pending
    /// HTTP callbacks are dropped and its clients and servers closed without further callbacks.
    /// </summary>
    public async Task UnloadAsync()
    {
        var session = _session ?? throw new InvalidOperationException("The dialect is not registered.");
        try
        {
            await session.Host.InvokeAsync(() =>
            {
                session.Host.RunChunk("require('hoozi.unload')()"u8, "=hoozi.unload");
                session.Unloading = true;
            }).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (session.Host.Completion.IsCompleted)
        {
            // Already stopped: nothing left to tell the script.
        }

        await session.Host.StopAsync().ConfigureAwait(false);
    }
}
