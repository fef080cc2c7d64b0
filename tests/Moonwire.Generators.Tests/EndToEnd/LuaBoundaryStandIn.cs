using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using KeraLua;

// A stand-in for runtime/Moonwire.Lua with exactly the names of docs/lua-boundary.md, so the
// generated bindings compile and run here before the host lands. Replace this file with a project
// reference to Moonwire.Lua once it exists; the tests stay as they are.
namespace Moonwire.Lua;

public static class BoundStatus
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Pending = 2;
}

public sealed class LuaException(string message) : Exception(message);

public static unsafe partial class LuaNative
{
    private const string Library = "lua54";

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void lua_pushcclosure(nint L, delegate* unmanaged[Cdecl]<nint, int> fn, int n);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint luaL_newstate();

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void luaL_openlibs(nint L);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_close(nint L);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int luaL_loadbufferx(nint L, byte* buffer, nuint size, string name, string? mode);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_pcallk(nint L, int nargs, int nresults, int errfunc, nint ctx, nint k);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_getglobal(nint L, string name);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_gettop(nint L);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_settop(nint L, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_type(nint L, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint lua_typename(nint L, int type);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial byte* lua_tolstring(nint L, int index, out nuint length);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial double lua_tonumberx(nint L, int index, nint isNumber);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial long lua_tointegerx(nint L, int index, nint isNumber);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_isinteger(nint L, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_toboolean(nint L, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_pushnil(nint L);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_pushboolean(nint L, int value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_pushinteger(nint L, long value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_pushnumber(nint L, double value);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint lua_pushlstring(nint L, byte* text, nuint length);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_createtable(nint L, int narr, int nrec);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_setfield(nint L, int index, string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial int lua_getfield(nint L, int index, string name);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void lua_pushlightuserdata(nint L, nint pointer);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint lua_touserdata(nint L, int index);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint lua_newuserdatauv(nint L, nuint size, int userValues);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void luaL_setmetatable(nint L, string name);
}

public readonly unsafe struct LuaState(nint handle)
{
    private const int RegistryIndex = -1001000;

    public nint Handle { get; } = handle;

    public int Top => LuaNative.lua_gettop(Handle);

    public LuaType TypeAt(int index) => (LuaType)LuaNative.lua_type(Handle, index);

    public string TypeNameAt(int index) => Marshal.PtrToStringUTF8(LuaNative.lua_typename(Handle, LuaNative.lua_type(Handle, index)))!;

    public ReadOnlySpan<byte> ToUtf8Bytes(int index)
    {
        var text = LuaNative.lua_tolstring(Handle, index, out var length);
        return new ReadOnlySpan<byte>(text, (int)length);
    }

    public string ToUtf8String(int index) => Encoding.UTF8.GetString(ToUtf8Bytes(index));

    public double ToNumber(int index) => LuaNative.lua_tonumberx(Handle, index, 0);

    public long ToInteger(int index) => LuaNative.lua_tointegerx(Handle, index, 0);

    public bool IsInteger(int index) => LuaNative.lua_isinteger(Handle, index) != 0;

    public bool ToBoolean(int index) => LuaNative.lua_toboolean(Handle, index) != 0;

    public void PushNil() => LuaNative.lua_pushnil(Handle);

    public void PushBoolean(bool value) => LuaNative.lua_pushboolean(Handle, value ? 1 : 0);

    public void PushInteger(long value) => LuaNative.lua_pushinteger(Handle, value);

    public void PushNumber(double value) => LuaNative.lua_pushnumber(Handle, value);

    public void PushUtf8(ReadOnlySpan<byte> text)
    {
        fixed (byte* bytes = text)
        {
            LuaNative.lua_pushlstring(Handle, bytes, (nuint)text.Length);
        }
    }

    public void PushString(string text) => PushUtf8(Encoding.UTF8.GetBytes(text));

    public void NewTable(int narr, int nrec) => LuaNative.lua_createtable(Handle, narr, nrec);

    public void SetField(int index, string name) => LuaNative.lua_setfield(Handle, index, name);

    public LuaType GetField(int index, string name) => (LuaType)LuaNative.lua_getfield(Handle, index, name);

    public void Pop(int count) => LuaNative.lua_settop(Handle, -count - 1);

    public int UpvalueIndex(int upvalue) => RegistryIndex - upvalue;

    public void PushTarget(object target) => LuaNative.lua_pushlightuserdata(Handle, GCHandle.ToIntPtr(GCHandle.Alloc(target)));

    public void PushUserdata(object target, string metatable)
    {
        var block = (nint*)LuaNative.lua_newuserdatauv(Handle, (nuint)sizeof(nint), 0);
        *block = GCHandle.ToIntPtr(GCHandle.Alloc(target));
        LuaNative.luaL_setmetatable(Handle, metatable);
    }

    public T? ToTarget<T>(int index)
        where T : class
    {
        var type = TypeAt(index);
        if (type is not (LuaType.LightUserData or LuaType.UserData))
        {
            return null;
        }
        var pointer = LuaNative.lua_touserdata(Handle, index);
        var handle = type == LuaType.UserData ? *(nint*)pointer : pointer;
        return handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as T;
    }

    public void ReleaseUserdata(int index)
    {
        var block = (nint*)LuaNative.lua_touserdata(Handle, index);
        if (block != null && *block != 0)
        {
            GCHandle.FromIntPtr(*block).Free();
            *block = 0;
        }
    }
}
