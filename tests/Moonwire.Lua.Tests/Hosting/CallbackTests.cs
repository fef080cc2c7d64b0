using KeraLua;

namespace Moonwire.Lua.Tests.Hosting;

/// <summary>Functions a dialect keeps and calls later (Keep, PushKept, Callback, Release) and table traversal.</summary>
public sealed class CallbackTests
{
    [Fact(Timeout = 20_000)]
    public async Task AKeptFunctionIsCalledLaterWithArguments()
    {
        await using var test = await TestHost.StartAsync();
        await test.RunAsync("function greet(who, n) moonwire.log('info', who .. n) end");
        var reference = await test.Host.InvokeAsync(() => Keep(test.Host, "greet"));
        await test.RunAsync("greet = nil collectgarbage()");
        var called = await test.Host.InvokeAsync(() => Call(test.Host, reference, "kept", 2));
        Assert.True(called);
        Assert.Equal(["kept2"], test.Output);
    }

    [Fact(Timeout = 20_000)]
    public async Task AnErrorInACallbackIsReportedAndTheHostGoesOn()
    {
        await using var test = await TestHost.StartAsync();
        await test.RunAsync("function fail() error('boom') end");
        var called = await test.Host.InvokeAsync(() => Call(test.Host, Keep(test.Host, "fail"), "x", 1));
        Assert.False(called);
        Assert.Contains("boom", Assert.Single(test.Errors));
        Assert.True(await test.RunAsync("moonwire.log('info', 'still here')"));
        Assert.Equal(["still here"], test.Output);
    }

    [Fact(Timeout = 20_000)]
    public async Task AReleasedReferenceNoLongerHoldsTheFunction()
    {
        await using var test = await TestHost.StartAsync();
        await test.RunAsync("function f() end");
        var type = await test.Host.InvokeAsync(() =>
        {
            var reference = Keep(test.Host, "f");
            test.Host.Release(reference);
            test.Host.PushKept(reference);
            var L = test.Host.State;
            var kept = L.TypeAt(-1);
            L.Pop(1);
            return kept;
        });
        Assert.NotEqual(LuaType.Function, type);
    }

    [Fact(Timeout = 20_000)]
    public async Task NextVisitsEveryPairOnce()
    {
        await using var test = await TestHost.StartAsync();
        await test.RunAsync("pairs_table = { a = 1, b = 'two', [3] = true }");
        var pairs = await test.Host.InvokeAsync(() =>
        {
            var L = test.Host.State;
            GetGlobal(L, "pairs_table");
            var seen = new List<string>();
            L.PushNil();
            while (L.Next(-2))
            {
                seen.Add($"{L.TypeNameAt(-2)}={L.TypeNameAt(-1)}");
                L.Pop(1);
            }

            L.Pop(1);
            return seen;
        });
        Assert.Equal(["boolean", "number", "string"], pairs.Select(p => p.Split('=')[1]).Order(StringComparer.Ordinal));
    }

    private static int Keep(LuaHost host, string global)
    {
        var L = host.State;
        GetGlobal(L, global);
        var reference = host.Keep(L, -1);
        L.Pop(1);
        return reference;
    }

    private static bool Call(LuaHost host, int reference, string text, long number)
    {
        host.PushKept(reference);
        var L = host.State;
        L.PushString(text);
        L.PushInteger(number);
        return host.Callback(2);
    }

    private static unsafe void GetGlobal(LuaState L, string name)
    {
        fixed (byte* bytes = LuaState.NullTerminated(name))
        {
            LuaNative.GetGlobal(L.Handle, bytes);
        }
    }
}
