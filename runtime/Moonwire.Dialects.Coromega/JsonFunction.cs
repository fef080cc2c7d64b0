using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>The raw side of the Lua <c>json.encode(value)</c>: status first, never raising (see docs/lua-boundary.md).</summary>
internal static class JsonFunction
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Encode(nint state)
    {
        var L = new LuaState(state);
        var top = L.Top;
        try
        {
            if (L.TypeAt(1) is LuaType.None)
            {
                throw new LuaException("bad argument #1 to 'encode' (value expected)");
            }

            var json = LuaJson.Encode(L, 1, "encode");
            L.PushInteger(BoundStatus.Ok);
            L.PushUtf8(json);
            return 2;
        }
        catch (Exception e)
        {
            L.Pop(L.Top - top);
            L.PushInteger(BoundStatus.Error);
            L.PushString(e is LuaException ? e.Message : "internal error: " + e.Message);
            return 2;
        }
    }
}
