using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Moonwire.Lua;

/// <summary>
/// The Lua 5.4 C API of the <c>lua54</c> library that KeraLua ships. Only what the host uses.
/// <see cref="SuppressGCTransitionAttribute"/> marks calls that never allocate, so they can never run a
/// <c>__gc</c> or <c>__close</c> metamethod that would call back into .NET.
/// </summary>
internal static unsafe partial class LuaNative
{
    private const string Library = "lua54";

    // lua.h: LUA_REGISTRYINDEX is -LUAI_MAXSTACK - 1000, and LUAI_MAXSTACK is 1 000 000 on 64-bit builds.
    public const int RegistryIndex = -1_000_000 - 1000;

    // lua.h: LUA_MINSTACK, the free slots a C function may use without lua_checkstack.
    public const int MinStack = 20;
    public const int Ok = 0;
    public const int Yield = 1;

    [LibraryImport(Library, EntryPoint = "luaL_newstate")]
    public static partial nint NewState();

    [LibraryImport(Library, EntryPoint = "luaL_openlibs")]
    public static partial void OpenLibs(nint l);

    [LibraryImport(Library, EntryPoint = "lua_close")]
    public static partial void Close(nint l);

    [LibraryImport(Library, EntryPoint = "lua_newthread")]
    public static partial nint NewThread(nint l);

    [LibraryImport(Library, EntryPoint = "lua_closethread")]
    public static partial int CloseThread(nint l, nint from);

    [LibraryImport(Library, EntryPoint = "lua_resume")]
    public static partial int Resume(nint l, nint from, int nargs, int* nresults);

    [LibraryImport(Library, EntryPoint = "lua_pcallk")]
    public static partial int PCall(nint l, int nargs, int nresults, int messageHandler, nint context, nint continuation);

    [LibraryImport(Library, EntryPoint = "luaL_loadbufferx")]
    public static partial int LoadBuffer(nint l, byte* buffer, nuint size, byte* name, byte* mode);

    [LibraryImport(Library, EntryPoint = "luaL_traceback")]
    public static partial void Traceback(nint l, nint of, byte* message, int level);

    [LibraryImport(Library, EntryPoint = "luaL_ref")]
    public static partial int Ref(nint l, int table);

    [LibraryImport(Library, EntryPoint = "luaL_unref")]
    public static partial void Unref(nint l, int table, int reference);

    [LibraryImport(Library, EntryPoint = "lua_gettop")]
    [SuppressGCTransition]
    public static partial int GetTop(nint l);

    [LibraryImport(Library, EntryPoint = "lua_settop")]
    public static partial void SetTop(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_checkstack")]
    public static partial int CheckStack(nint l, int n);

    [LibraryImport(Library, EntryPoint = "lua_pushvalue")]
    [SuppressGCTransition]
    public static partial void PushValue(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rotate")]
    [SuppressGCTransition]
    public static partial void Rotate(nint l, int index, int n);

    [LibraryImport(Library, EntryPoint = "lua_xmove")]
    public static partial void XMove(nint from, nint to, int n);

    [LibraryImport(Library, EntryPoint = "lua_type")]
    [SuppressGCTransition]
    public static partial int Type(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_typename")]
    [SuppressGCTransition]
    public static partial byte* TypeName(nint l, int type);

    [LibraryImport(Library, EntryPoint = "lua_rawequal")]
    [SuppressGCTransition]
    public static partial int RawEqual(nint l, int a, int b);

    [LibraryImport(Library, EntryPoint = "lua_tolstring")]
    public static partial byte* ToLString(nint l, int index, nuint* length);

    [LibraryImport(Library, EntryPoint = "lua_tonumberx")]
    [SuppressGCTransition]
    public static partial double ToNumber(nint l, int index, int* isNumber);

    [LibraryImport(Library, EntryPoint = "lua_tointegerx")]
    [SuppressGCTransition]
    public static partial long ToInteger(nint l, int index, int* isNumber);

    [LibraryImport(Library, EntryPoint = "lua_isinteger")]
    [SuppressGCTransition]
    public static partial int IsInteger(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_toboolean")]
    [SuppressGCTransition]
    public static partial int ToBoolean(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_touserdata")]
    [SuppressGCTransition]
    public static partial nint ToUserdata(nint l, int index);


    [LibraryImport(Library, EntryPoint = "lua_newuserdatauv")]
    public static partial void* NewUserdata(nint l, nuint size, int userValues);

    [LibraryImport(Library, EntryPoint = "luaL_newmetatable")]
    public static partial int NewMetatable(nint l, byte* name);

    [LibraryImport(Library, EntryPoint = "luaL_setmetatable")]
    public static partial void SetMetatable(nint l, byte* name);

    [LibraryImport(Library, EntryPoint = "lua_getglobal")]
    public static partial int GetGlobal(nint l, byte* name);

    [LibraryImport(Library, EntryPoint = "lua_pushnil")]
    [SuppressGCTransition]
    public static partial void PushNil(nint l);

    [LibraryImport(Library, EntryPoint = "lua_pushboolean")]
    [SuppressGCTransition]
    public static partial void PushBoolean(nint l, int value);

    [LibraryImport(Library, EntryPoint = "lua_pushinteger")]
    [SuppressGCTransition]
    public static partial void PushInteger(nint l, long value);

    [LibraryImport(Library, EntryPoint = "lua_pushnumber")]
    [SuppressGCTransition]
    public static partial void PushNumber(nint l, double value);

    [LibraryImport(Library, EntryPoint = "lua_pushlightuserdata")]
    [SuppressGCTransition]
    public static partial void PushLightUserdata(nint l, nint value);

    [LibraryImport(Library, EntryPoint = "lua_pushlstring")]
    public static partial byte* PushLString(nint l, byte* value, nuint length);

    [LibraryImport(Library, EntryPoint = "lua_pushcclosure")]
    public static partial void PushCClosure(nint l, delegate* unmanaged[Cdecl]<nint, int> function, int upvalues);

    [LibraryImport(Library, EntryPoint = "lua_createtable")]
    public static partial void CreateTable(nint l, int arrayCount, int recordCount);

    [LibraryImport(Library, EntryPoint = "lua_getfield")]
    public static partial int GetField(nint l, int index, byte* name);

    [LibraryImport(Library, EntryPoint = "lua_setfield")]
    public static partial void SetField(nint l, int index, byte* name);

    [LibraryImport(Library, EntryPoint = "lua_next")]
    public static partial int Next(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rawgeti")]
    public static partial int RawGetI(nint l, int index, long n);

    [LibraryImport(Library, EntryPoint = "lua_rawseti")]
    public static partial void RawSetI(nint l, int index, long n);

    [LibraryImport(Library, EntryPoint = "lua_rawget")]
    public static partial int RawGet(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rawset")]
    public static partial void RawSet(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_tothread")]
    [SuppressGCTransition]
    public static partial nint ToThread(nint l, int index);


}
