using System.Runtime.InteropServices;

namespace Moonwire.Lua;

// The Lua state: opening it with the prelude, running chunks, binding C# functions.
public sealed unsafe partial class LuaHost
{
    private readonly List<GCHandle> _targets = [];
    private nint _main;
    private int _rawRef;
    private int _finishRef;
    private int _pendingRef;
    private int _tracebackRef;

    /// <summary>The main Lua state. Host thread only.</summary>
    public LuaState State
    {
        get
        {
            EnsureHostThread();
            return new LuaState(_main);
        }
    }

    /// <summary>
    /// Binds a raw C# function (status first, see <see cref="BoundStatus"/>) as <c>raw[name]</c>, the
    /// table binding chunks receive; <paramref name="target"/> becomes upvalue 1 for
    /// <see cref="LuaState.ToTarget{T}"/>. Host thread only.
    /// </summary>
    public void Bind(string name, delegate* unmanaged[Cdecl]<nint, int> function, object? target = null)
    {
        EnsureHostThread();
        var L = new LuaState(_main);
        L.RawGetInteger(LuaNative.RegistryIndex, _rawRef);
        var upvalues = 0;
        if (target is not null)
        {
            var handle = GCHandle.Alloc(target);
            _targets.Add(handle);
            LuaNative.PushLightUserdata(_main, GCHandle.ToIntPtr(handle));
            upvalues = 1;
        }

        LuaNative.PushCClosure(_main, function, upvalues);
        L.SetField(-2, name);
        L.Pop(1);
    }

    /// <summary>
    /// Runs a binding chunk (a dialect's generated Lua): it receives <c>finish, raw</c> as <c>...</c>.
    /// Throws if the chunk fails, since a dialect that cannot load is a bug, not a script error.
    /// </summary>
    public void RunBindings(ReadOnlySpan<byte> source, string chunkName) =>
        RunBindings(source, chunkName, static (host, _) => LuaNative.RawGetI(host._main, LuaNative.RegistryIndex, host._rawRef));

    /// <summary>
    /// Runs a generator-made binding chunk (<c>&lt;Dialect&gt;Bindings.WrapperChunk</c>) with <c>finish</c> and
    /// the raw-function table that <paramref name="pushRaw"/> pushes (<c>&lt;Dialect&gt;Bindings.PushRawFunctions</c>).
    /// </summary>
    public void RunBindings(ReadOnlySpan<byte> source, string chunkName, Action<LuaState> pushRaw) =>
        RunBindings(source, chunkName, (host, L) => pushRaw(L));

    private void RunBindings(ReadOnlySpan<byte> source, string chunkName, Action<LuaHost, LuaState> pushRaw)
    {
        EnsureHostThread();
        var error = Load(source, chunkName);
        if (error is null)
        {
            LuaNative.RawGetI(_main, LuaNative.RegistryIndex, _finishRef);
            pushRaw(this, new LuaState(_main));
            error = Call(2);
        }

        if (error is not null)
        {
            throw new InvalidOperationException($"bindings '{chunkName}' failed: {error}");
        }
    }

    /// <summary>
    /// Runs a script's chunk on the main state (not in a coroutine), with <paramref name="args"/> as
    /// <c>...</c>. An error is reported with its traceback and the result is false. Host thread only.
    /// </summary>
    public bool RunChunk(ReadOnlySpan<byte> source, string chunkName, params ReadOnlySpan<string> args)
    {
        EnsureHostThread();
        var error = Load(source, chunkName);
        if (error is null)
        {
            var L = new LuaState(_main);
            foreach (var arg in args)
            {
                L.PushString(arg);
            }

            error = Call(args.Length);
        }

        if (error is not null)
        {
            ReportError(error);
        }

        return error is null;
    }

    /// <summary>
    /// Starts a script's chunk as a process, as platforms whose main chunk may wait run it: a host
    /// coroutine, started on a later turn with <paramref name="args"/> as <c>...</c>, whose end (a return
    /// or an error) stops the host, which closes whatever the script still holds. A chunk that does not
    /// compile is reported and the result is false. Host thread only.
    /// </summary>
    public bool SpawnChunk(ReadOnlySpan<byte> source, string chunkName, params ReadOnlySpan<string> args)
    {
        EnsureHostThread();
        var error = Load(source, chunkName);
        if (error is not null)
        {
            ReportError(error);
            return false;
        }

        var L = new LuaState(_main);
        foreach (var arg in args)
        {
            L.PushString(arg);
        }

        Spawn(L, args.Length, endsScript: true);
        L.Pop(1);
        return true;
    }

    /// <summary>Calls the function under its <paramref name="argumentCount"/> arguments on the main state; the error text with traceback, or null.</summary>
    internal string? Call(int argumentCount)
    {
        var function = LuaNative.GetTop(_main) - argumentCount;
        LuaNative.RawGetI(_main, LuaNative.RegistryIndex, _tracebackRef);
        LuaNative.Rotate(_main, function, 1);
        var status = LuaNative.PCall(_main, argumentCount, 0, function, 0, 0);
        var error = status == LuaNative.Ok ? null : ErrorText(_main);
        LuaNative.SetTop(_main, function - 1);
        return error;
    }

    private string? Load(ReadOnlySpan<byte> source, string chunkName)
    {
        // Text only: precompiled chunks can crash the interpreter.
        var mode = "t\0"u8;
        var name = LuaState.NullTerminated(chunkName);
        fixed (byte* bytes = source)
        fixed (byte* namePointer = name)
        fixed (byte* modePointer = mode)
        {
            if (LuaNative.LoadBuffer(_main, bytes, (nuint)source.Length, namePointer, modePointer) == LuaNative.Ok)
            {
                return null;
            }
        }

        var error = ErrorText(_main);
        LuaNative.SetTop(_main, -2);
        return error;
    }

    // The error value at the top as text, without calling __tostring (which could raise).
    private static string ErrorText(nint l)
    {
        var L = new LuaState(l);
        return L.TypeAt(-1) is KeraLua.LuaType.String or KeraLua.LuaType.Number
            ? L.ToUtf8String(-1)
            : $"(error object is a {L.TypeNameAt(-1)} value)";
    }

    private void OpenState()
    {
        _main = LuaNative.NewState();
        if (_main == 0)
        {
            throw new InvalidOperationException("Lua could not allocate its state.");
        }

        LuaNative.OpenLibs(_main);
        var L = new LuaState(_main);
        L.NewTable();
        _rawRef = LuaNative.Ref(_main, LuaNative.RegistryIndex);
        new MoonwireLibrary(this).Register();

        var error = Load(Prelude.Source, "=moonwire.prelude");
        if (error is null)
        {
            L.RawGetInteger(LuaNative.RegistryIndex, _rawRef);
            error = LuaNative.PCall(_main, 1, 3, 0, 0, 0) == LuaNative.Ok ? null : ErrorText(_main);
        }

        if (error is not null)
        {
            throw new InvalidOperationException($"the Moonwire prelude failed: {error}");
        }

        _tracebackRef = LuaNative.Ref(_main, LuaNative.RegistryIndex);
        _pendingRef = LuaNative.Ref(_main, LuaNative.RegistryIndex);
        _finishRef = LuaNative.Ref(_main, LuaNative.RegistryIndex);
    }

    private void CloseState()
    {
        _waits.Clear();
        if (_main != 0)
        {
            LuaNative.Close(_main);
            _main = 0;
        }

        foreach (var handle in _targets)
        {
            handle.Free();
        }

        _targets.Clear();
    }

    private void ResetStack()
    {
        if (_main != 0 && LuaNative.GetTop(_main) != 0)
        {
            LuaNative.SetTop(_main, 0);
        }
    }
}
