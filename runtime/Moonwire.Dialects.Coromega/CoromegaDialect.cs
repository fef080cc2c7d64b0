using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// neomega's LuaLoader scripts: the <c>coromega</c> WebSocket API (generated from specs/coromega.yaml)
/// plus the supporting modules its examples use (<c>omega</c>, <c>coromega</c>'s scheduler, <c>json</c>)
/// and the Lua 5.1 globals its gopher-lua scripts expect.
/// </summary>
public sealed class CoromegaDialect : IDialect
{
    /// <summary>The name a script selects it by.</summary>
    public const string DialectName = "coromega";

    /// <inheritdoc/>
    public string Name => DialectName;

    /// <inheritdoc/>
    public unsafe void Register(LuaHost host)
    {
        host.RunBindings(CoromegaBindings.WrapperChunk, CoromegaBindings.ChunkName,
            L => CoromegaBindings.PushRawFunctions(L, new CoromegaModule(host)));
        host.Bind("coromega_json_encode", &JsonFunction.Encode);
        host.Bind("coromega_send_binary", &BinaryExtension.SendBinary);
        host.RunBindings(SupportLibrary.Source, SupportLibrary.ChunkName);
    }
}
