namespace Moonwire.Lua;

// Lua functions that C# calls later (a dialect's callbacks): kept in the registry until released.
public sealed partial class LuaHost
{
    /// <summary>Keeps the value at <paramref name="index"/> alive until <see cref="Release"/>; returns its reference. Host thread only.</summary>
    public int Keep(LuaState L, int index)
    {
        EnsureHostThread();
        L.PushValue(index);
        return LuaNative.Ref(L.Handle, LuaNative.RegistryIndex);
    }

    /// <summary>Lets a value from <see cref="Keep"/> go. Host thread only.</summary>
    public void Release(int reference)
    {
        EnsureHostThread();
        LuaNative.Unref(_main, LuaNative.RegistryIndex, reference);
    }

    /// <summary>Pushes a kept value onto the main state, ready for its arguments and <see cref="Callback"/>. Host thread only.</summary>
    public void PushKept(int reference)
    {
        EnsureHostThread();
        LuaNative.RawGetI(_main, LuaNative.RegistryIndex, reference);
    }

    /// <summary>
    /// Calls the function under its <paramref name="argumentCount"/> arguments on the main state as a
    /// callback: an error is reported like any callback error and the host goes on. Host thread only.
    /// </summary>
    public bool Callback(int argumentCount)
    {
        EnsureHostThread();
        var error = Call(argumentCount);
        if (error is not null)
        {
            ReportError(error);
        }

        return error is null;
    }
}
