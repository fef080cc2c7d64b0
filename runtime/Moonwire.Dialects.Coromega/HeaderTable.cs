using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega;

/// <summary>
/// The optional header table of <c>connect_to_websocket</c>: name → a string (one header line) or a list
/// whose items each become a line of their own under that name, numbers written as Lua writes them
/// ({ "a", 2 } sends "a" and "2"), as Go's http.Header does for several values.
/// </summary>
internal static class HeaderTable
{
    private const string Prefix = "bad argument #2 to 'connect_to_websocket' (";

    public static List<KeyValuePair<string, string>> Read(LuaState L, int table)
    {
        var headers = new List<KeyValuePair<string, string>>();
        L.PushNil();
        while (L.Next(table))
        {
            // A failure leaves the stack as it is: the generated binding resets it.
            if (L.TypeAt(-2) != LuaType.String)
            {
                throw new LuaException($"{Prefix}header names must be strings, got {L.TypeNameAt(-2)})");
            }

            var name = L.ToUtf8String(-2);
            if (L.TypeAt(-1) == LuaType.Table)
            {
                for (long i = 1; L.RawGetInteger(-1, i) != LuaType.Nil; i++)
                {
                    headers.Add(new(name, ReadValue(L, name)));
                    L.Pop(1);
                }

                L.Pop(1);
            }
            else
            {
                headers.Add(new(name, ReadValue(L, name)));
            }

            L.Pop(1);
        }

        return headers;
    }

    // The value on top of the stack; lua_tolstring converts a number in place, which is harmless here.
    private static string ReadValue(LuaState L, string name) => L.TypeAt(-1) is LuaType.String or LuaType.Number
        ? L.ToUtf8String(-1)
        : throw new LuaException($"{Prefix}header '{name}': string expected, got {L.TypeNameAt(-1)})");
}
