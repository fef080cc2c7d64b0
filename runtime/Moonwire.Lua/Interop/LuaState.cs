using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using KeraLua;

namespace Moonwire.Lua;

/// <summary>
/// A <c>lua_State*</c> seen from C#: the stack operations bound functions need. Strings cross as UTF-8
/// bytes. Nothing here raises a Lua error, so it is safe to call from an unmanaged callback.
/// </summary>
public readonly unsafe struct LuaState(nint handle)
{
    /// <summary>The raw <c>lua_State*</c>.</summary>
    public nint Handle { get; } = handle;

    /// <summary>The index of the top value, which is also the number of values on the stack.</summary>
    public int Top => LuaNative.GetTop(Handle);

    /// <summary>The pseudo-index of the registry, where libraries keep their tables by name.</summary>
    public static int RegistryIndex => LuaNative.RegistryIndex;

    /// <summary>The pseudo-index of a C closure's upvalue <paramref name="n"/> (1-based), read as <c>L.UpvalueIndex(1)</c> like Lua's C macro.</summary>
    public int UpvalueIndex(int n) => LuaNative.RegistryIndex - n;

    /// <summary>The type of the value at <paramref name="index"/> (<see cref="LuaType.None"/> past the top).</summary>
    public LuaType TypeAt(int index) => (LuaType)LuaNative.Type(Handle, index);

    /// <summary>The type name Lua itself prints (what <c>luaL_typename</c> returns).</summary>
    public string TypeNameAt(int index) =>
        Marshal.PtrToStringUTF8((nint)LuaNative.TypeName(Handle, LuaNative.Type(Handle, index)))!;

    /// <summary>
    /// The bytes of a string (a number is converted in place, as <c>lua_tolstring</c> does); empty for
    /// other types. Valid only while the value stays on the stack.
    /// </summary>
    public ReadOnlySpan<byte> ToUtf8Bytes(int index)
    {
        nuint length;
        var bytes = LuaNative.ToLString(Handle, index, &length);
        return bytes == null ? default : new ReadOnlySpan<byte>(bytes, checked((int)length));
    }

    /// <summary>The string at <paramref name="index"/> decoded from UTF-8; empty for values that are not strings or numbers.</summary>
    public string ToUtf8String(int index) => Encoding.UTF8.GetString(ToUtf8Bytes(index));

    /// <summary>The number at <paramref name="index"/>, or 0 when it is not convertible.</summary>
    public double ToNumber(int index) => LuaNative.ToNumber(Handle, index, null);

    /// <summary>The integer at <paramref name="index"/>, or 0 when it is not one without loss.</summary>
    public long ToInteger(int index) => LuaNative.ToInteger(Handle, index, null);

    /// <summary>Whether the value at <paramref name="index"/> is an integer (not a float, not a string).</summary>
    public bool IsInteger(int index) => LuaNative.IsInteger(Handle, index) != 0;

    /// <summary>Lua's truth: false only for nil and false.</summary>
    public bool ToBoolean(int index) => LuaNative.ToBoolean(Handle, index) != 0;

    /// <summary>
    /// The object behind a userdata made by <see cref="PushTarget"/>, <see cref="PushUserdata(object, string)"/> or the
    /// host's <c>Bind</c> (a light userdata holding a <see cref="GCHandle"/>); null when the value is none
    /// of these, was released, or holds another type.
    /// </summary>
    public T? ToTarget<T>(int index) where T : class
    {
        var type = TypeAt(index);
        if (type is not (LuaType.LightUserData or LuaType.UserData))
        {
            return null;
        }

        var pointer = LuaNative.ToUserdata(Handle, index);
        var handle = type == LuaType.UserData ? *(nint*)pointer : pointer;
        return handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as T;
    }

    /// <summary>
    /// Pushes a module's implementation for use as an upvalue: a full userdata whose <c>__gc</c> frees the
    /// handle, so the object lives exactly as long as the functions that use it.
    /// </summary>
    public void PushTarget(object target) => PushUserdata(target, TargetMetatable.Name, &TargetMetatable.Create);

    /// <summary>
    /// Pushes a full userdata holding a handle to <paramref name="target"/>, with the metatable registered
    /// under <paramref name="metatable"/> (its <c>__gc</c> must call <see cref="ReleaseUserdata"/>).
    /// </summary>
    public void PushUserdata(object target, string metatable) => PushUserdata(target, metatable, create: null);

    /// <summary>Frees the handle of a full userdata made here; a second call does nothing (<c>__gc</c> after <c>close</c>).</summary>
    public void ReleaseUserdata(int index)
    {
        if (TypeAt(index) != LuaType.UserData)
        {
            return;
        }

        var block = (nint*)LuaNative.ToUserdata(Handle, index);
        if (*block != 0)
        {
            GCHandle.FromIntPtr(*block).Free();
            *block = 0;
        }
    }

    /// <summary>Pushes a C function with the <paramref name="upvalues"/> values on top of the stack as its upvalues.</summary>
    public void PushCClosure(delegate* unmanaged[Cdecl]<nint, int> function, int upvalues) =>
        LuaNative.PushCClosure(Handle, function, upvalues);

    private void PushUserdata(object target, string metatable, delegate*<LuaState, void> create)
    {
        var block = (nint*)LuaNative.NewUserdata(Handle, (nuint)sizeof(nint), 0);
        *block = 0;
        fixed (byte* name = NullTerminated(metatable))
        {
            if (create != null)
            {
                if (LuaNative.NewMetatable(Handle, name) != 0)
                {
                    create(this);
                }

                Pop(1);
            }

            LuaNative.SetMetatable(Handle, name);
        }

        // Allocated last: nothing above can fail, so the handle cannot leak.
        *block = GCHandle.ToIntPtr(GCHandle.Alloc(target));
    }

    /// <summary>Pushes nil.</summary>
    public void PushNil() => LuaNative.PushNil(Handle);

    /// <summary>Pushes a boolean.</summary>
    public void PushBoolean(bool value) => LuaNative.PushBoolean(Handle, value ? 1 : 0);

    /// <summary>Pushes an integer.</summary>
    public void PushInteger(long value) => LuaNative.PushInteger(Handle, value);

    /// <summary>Pushes a float.</summary>
    public void PushNumber(double value) => LuaNative.PushNumber(Handle, value);

    /// <summary>Pushes <paramref name="value"/> as a Lua string, byte for byte.</summary>
    public void PushUtf8(ReadOnlySpan<byte> value)
    {
        fixed (byte* bytes = value)
        {
            LuaNative.PushLString(Handle, bytes, (nuint)value.Length);
        }
    }

    /// <summary>Pushes <paramref name="value"/> as a UTF-8 Lua string.</summary>
    public void PushString(string value)
    {
        const int StackLimit = 512;
        var length = Encoding.UTF8.GetByteCount(value);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            PushUtf8(buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Pushes a new table with room for <paramref name="arrayCount"/> and <paramref name="recordCount"/> entries.</summary>
    public void NewTable(int arrayCount = 0, int recordCount = 0) => LuaNative.CreateTable(Handle, arrayCount, recordCount);

    /// <summary>Pops a value and stores it as <c>t[name]</c> for the table at <paramref name="index"/>.</summary>
    public void SetField(int index, string name)
    {
        fixed (byte* bytes = NullTerminated(name))
        {
            LuaNative.SetField(Handle, index, bytes);
        }
    }

    /// <summary>Pushes <c>t[name]</c> for the table at <paramref name="index"/> and returns its type.</summary>
    public LuaType GetField(int index, string name)
    {
        fixed (byte* bytes = NullTerminated(name))
        {
            return (LuaType)LuaNative.GetField(Handle, index, bytes);
        }
    }

    /// <summary>Pushes <c>t[n]</c> for the table at <paramref name="index"/>, without metamethods, and returns its type.</summary>
    public LuaType RawGetInteger(int index, long n) => (LuaType)LuaNative.RawGetI(Handle, index, n);

    /// <summary>Pops a value and stores it as <c>t[n]</c> without metamethods.</summary>
    public void RawSetInteger(int index, long n) => LuaNative.RawSetI(Handle, index, n);

    /// <summary>Pops a key and pushes <c>t[key]</c> without metamethods; returns its type.</summary>
    public LuaType RawGet(int index) => (LuaType)LuaNative.RawGet(Handle, index);

    /// <summary>Pops a value and then a key and stores <c>t[key] = value</c> without metamethods; the key must not be nil or NaN.</summary>
    public void RawSet(int index) => LuaNative.RawSet(Handle, index);

    /// <summary>Pops <paramref name="n"/> values.</summary>
    public void Pop(int n) => LuaNative.SetTop(Handle, -n - 1);

    /// <summary>
    /// Pops a key and pushes the next key and value of the table at <paramref name="index"/> (a negative
    /// index must allow for the key); false, with nothing pushed, after the last. Start with nil on top.
    /// </summary>
    public bool Next(int index) => LuaNative.Next(Handle, index) != 0;

    /// <summary>Makes room for <paramref name="n"/> more values (a C function may only assume 20); false when the stack cannot grow.</summary>
    public bool CheckStack(int n) => LuaNative.CheckStack(Handle, n) != 0;

    /// <summary>Pushes a copy of the value at <paramref name="index"/>.</summary>
    public void PushValue(int index) => LuaNative.PushValue(Handle, index);

    /// <summary>
    /// Keeps a copy of the value at <paramref name="index"/> in the registry (<c>luaL_ref</c>), so C# can hold
    /// a callback across turns; returns the reference for <see cref="PushReference"/> and <see cref="ReleaseReference"/>.
    /// </summary>
    public int Reference(int index)
    {
        PushValue(index);
        return LuaNative.Ref(Handle, LuaNative.RegistryIndex);
    }

    /// <summary>Pushes the value kept under <paramref name="reference"/>.</summary>
    public void PushReference(int reference) => LuaNative.RawGetI(Handle, LuaNative.RegistryIndex, reference);

    /// <summary>Lets the value kept under <paramref name="reference"/> go (<c>luaL_unref</c>).</summary>
    public void ReleaseReference(int reference) => LuaNative.Unref(Handle, LuaNative.RegistryIndex, reference);

    internal bool RawEqual(int a, int b) => LuaNative.RawEqual(Handle, a, b) != 0;

    internal static byte[] NullTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
