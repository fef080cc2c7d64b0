using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// <c>conn:send_binary(data)</c>: not in the original API, which can only send text. With the second result
/// of <c>receive_message</c> it lets a script answer a binary message in kind (our echo testee). Status
/// first, never raising, like the generated bindings.
/// </summary>
internal static class BinaryExtension
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int SendBinary(nint state)
    {
        var L = new LuaState(state);
        try
        {
            if (L.ToTarget<WebSocketConn>(1) is not { } conn)
            {
                return Error(L, "calling 'send_binary' on bad self");
            }

            if (L.TypeAt(2) is not (LuaType.String or LuaType.Number))
            {
                return Error(L, $"bad argument #1 to 'send_binary' (string expected, got {L.TypeNameAt(2)})");
            }

            L.PushInteger(BoundStatus.Ok);
            return 1 + conn.SendBinary(L, L.ToUtf8Bytes(2));
        }
        catch (Exception e)
        {
            return Error(L, "internal error: " + e.Message);
        }
    }

    private static int Error(LuaState L, string message)
    {
        L.PushInteger(BoundStatus.Error);
        L.PushString(message);
        return 2;
    }
}
