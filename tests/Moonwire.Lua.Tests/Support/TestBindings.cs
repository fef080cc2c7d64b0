using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Moonwire.Lua.Tests;

/// <summary>
/// Bound functions a test script calls, written the way generated bindings are (status first). They
/// are globals: <c>wait(ms, value)</c> suspends on a delay (ms 0: already complete; ms &lt; 0: completes
/// on the thread pool at once), <c>fail(ms, message)</c> suspends and then fails, <c>gate()</c> suspends
/// until the test completes <see cref="Gate"/>, <c>echo(s)</c> returns the bytes it was given, and
/// <c>greeting()</c> returns <see cref="Greeting"/> pushed as a .NET string.
/// </summary>
internal sealed unsafe class TestBindings(LuaHost host)
{
    private readonly LuaHost _host = host;
    private int _offThreadCalls;

    public TaskCompletionSource<long> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Greeting { get; set; } = "";

    /// <summary>Bound calls that arrived on a thread other than the host's (there must be none).</summary>
    public int OffThreadCalls => Volatile.Read(ref _offThreadCalls);

    /// <summary>Binds the functions and defines the globals; host thread only.</summary>
    public void Install()
    {
        _host.Bind("wait", &Wait, this);
        _host.Bind("fail", &Fail, this);
        _host.Bind("gate", &GateWait, this);
        _host.Bind("echo", &Echo, this);
        _host.Bind("greeting", &PushGreeting, this);
        _host.RunBindings("""
            local finish, raw = ...
            function wait(ms, value) return finish(raw.wait(ms, value)) end
            function fail(ms, message) return finish(raw.fail(ms, message)) end
            function gate() return finish(raw.gate()) end
            function echo(s) return finish(raw.echo(s)) end
            function greeting() return finish(raw.greeting()) end
            """u8, "=test.bindings");
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Wait(nint l)
    {
        var L = new LuaState(l);
        return Self(L)._host.Suspend(L, TestOperations.DelayThen(L.ToInteger(1), L.ToInteger(2)), &PushInteger);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Fail(nint l)
    {
        var L = new LuaState(l);
        return Self(L)._host.Suspend(L, TestOperations.DelayThenFail(L.ToInteger(1), L.ToUtf8String(2)), &PushInteger);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GateWait(nint l)
    {
        var L = new LuaState(l);
        var self = Self(L);
        return self._host.Suspend(L, new ValueTask<long>(self.Gate.Task), &PushInteger);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Echo(nint l)
    {
        var L = new LuaState(l);
        var bytes = L.ToUtf8Bytes(1).ToArray();
        L.PushInteger(BoundStatus.Ok);
        L.PushUtf8(bytes);
        return 2;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PushGreeting(nint l)
    {
        var L = new LuaState(l);
        L.PushInteger(BoundStatus.Ok);
        L.PushString(Self(L).Greeting);
        return 2;
    }

    private static TestBindings Self(LuaState L)
    {
        var self = L.ToTarget<TestBindings>(L.UpvalueIndex(1))!;
        if (!self._host.IsHostThread)
        {
            Interlocked.Increment(ref self._offThreadCalls);
        }

        return self;
    }

    private static int PushInteger(LuaState L, long value)
    {
        L.PushInteger(value);
        return 1;
    }
}
