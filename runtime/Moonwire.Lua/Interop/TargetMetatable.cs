using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Moonwire.Lua;

/// <summary>The metatable of the userdata that carry module implementations (<see cref="LuaState.PushTarget"/>).</summary>
internal static unsafe class TargetMetatable
{
    public const string Name = "moonwire.target";

    /// <summary>Fills the new metatable on top of the stack: <c>__gc</c> frees the handle.</summary>
    public static void Create(LuaState L)
    {
        L.PushCClosure(&Collect, 0);
        L.SetField(-2, "__gc");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Collect(nint l)
    {
        new LuaState(l).ReleaseUserdata(1);
        return 0;
    }
}
