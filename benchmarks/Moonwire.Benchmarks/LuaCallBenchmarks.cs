using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Moonwire.Lua;

namespace Moonwire.Benchmarks;

/// <summary>
/// The cost of one Lua → C# bound call (issue 5's target: ≤ 50 ns), against a plain Lua call. Each
/// invocation runs a Lua loop of <see cref="Calls"/> calls on the host thread, so the hop to that
/// thread is spread thin; subtract <see cref="LuaFunction"/> for the boundary alone.
/// </summary>
public unsafe class LuaCallBenchmarks
{
    private const int Calls = 100_000;

    private LuaHost _host = null!;
    private byte[] _lua = null!;
    private byte[] _checkStatus = null!;
    private byte[] _finish = null!;
    private byte[] _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new LuaHost();
        _host.InvokeAsync(() =>
        {
            _host.Bind("inc", &Increment, this);
            _host.RunBindings("""
                local finish, raw = ...
                local inc = raw.inc
                function lua_inc(x) return x + 1 end
                function check_status_inc(x) local s, r = inc(x) if s == 0 then return r end return finish(s, r) end
                function finish_inc(x) return finish(inc(x)) end
                function raw_inc(x) local _, r = inc(x) return r end
                function loop(f, n) local x = 0 for _ = 1, n do x = f(x) end assert(x == n) end
                """u8, "=bench");
        }).GetAwaiter().GetResult();
        _lua = Loop("lua_inc");
        _checkStatus = Loop("check_status_inc");
        _finish = Loop("finish_inc");
        _raw = Loop("raw_inc");
    }

    [GlobalCleanup]
    public void Cleanup() => _host.StopAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public bool LuaFunction() => Run(_lua);

    /// <summary>The wrapper shape generated bindings use: <c>finish</c> only off the Ok path.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public bool BoundCallCheckStatus() => Run(_checkStatus);

    [Benchmark(OperationsPerInvoke = Calls)]
    public bool BoundCallThroughFinish() => Run(_finish);

    [Benchmark(OperationsPerInvoke = Calls)]
    public bool RawBoundCall() => Run(_raw);

    private static byte[] Loop(string function) => Encoding.UTF8.GetBytes($"loop({function}, {Calls})");

    private bool Run(byte[] chunk) => _host.InvokeAsync(() => _host.RunChunk(chunk, "=run")).GetAwaiter().GetResult();

    // Shaped like a generated binding: target from upvalue 1, an argument, status first, no throw into Lua.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Increment(nint l)
    {
        var L = new LuaState(l);
        try
        {
            _ = L.ToTarget<LuaCallBenchmarks>(L.UpvalueIndex(1));
            var x = L.ToInteger(1);
            L.PushInteger(BoundStatus.Ok);
            L.PushInteger(x + 1);
            return 2;
        }
        catch (Exception e)
        {
            L.PushInteger(BoundStatus.Error);
            L.PushString($"internal error: {e.Message}");
            return 2;
        }
    }
}
