namespace Moonwire.Lua.Tests;

public sealed class MemoryTests
{
    [Fact(Timeout = 60_000)]
    public async Task Ten_thousand_suspend_and_complete_cycles_keep_memory_flat()
    {
        await using var test = await TestHost.StartAsync();
        await test.RunAsync("""
            -- Each cycle is a coroutine of its own: spawned, suspended twice (once through a script's own
            -- coroutine), failed once, finished; so tasks, waits and wrapped coroutines must all be released.
            function cycles(n)
              local done = 0
              for i = 1, n do
                moonwire.spawn(function()
                  local co = coroutine.wrap(function() return wait(-1, i) end)
                  assert(co() == i)
                  pcall(fail, -1, "refused")
                  done = done + 1
                end)
              end
              moonwire.spawn(function()
                while done < n do moonwire.sleep(0.001) end
                moonwire.log("info", "done")
              end)
            end
            """);

        await RunCyclesAsync(test, 10_000); // grows the queue and wait table to their high-water mark
        var before = ManagedBytes();
        var luaBefore = await LuaKilobytesAsync(test);

        await RunCyclesAsync(test, 10_000);
        var growth = ManagedBytes() - before;
        var luaGrowth = await LuaKilobytesAsync(test) - luaBefore;

        Assert.True(growth < 256 * 1024, $"managed heap grew by {growth} bytes over 10 000 cycles");
        Assert.True(luaGrowth < 64, $"the Lua heap grew by {luaGrowth} KiB over 10 000 cycles");
    }

    private static async Task RunCyclesAsync(TestHost test, int n)
    {
        var done = test.Output.Count + 1;
        await test.RunAsync($"cycles({n})");
        while (test.Output.Count < done)
        {
            await Task.Delay(10);
        }
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Task<double> LuaKilobytesAsync(TestHost test) =>
        test.Host.InvokeAsync(() =>
        {
            var L = test.Host.State;
            test.Host.RunChunk("collectgarbage() collectgarbage() kilobytes = collectgarbage('count')"u8, "=measure");
            L.GetField(LuaNative.RegistryIndex, "_LOADED");
            L.GetField(-1, "_G");
            L.GetField(-1, "kilobytes");
            var value = L.ToNumber(-1);
            L.Pop(3);
            return value;
        });
}
