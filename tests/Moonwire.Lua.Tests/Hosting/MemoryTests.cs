namespace Moonwire.Lua.Tests;

[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>Alone in a non-parallel collection, because it measures the whole process's managed heap.</summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    [Fact(Timeout = 60_000)]
    public async Task Suspend_and_complete_cycles_keep_memory_flat()
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

        await RunCyclesAsync(test, 10_000);
        var before = ManagedBytes();
        var luaBefore = await LuaKilobytesAsync(test);
        for (var run = 0; run < 8; run++)
        {
            await RunCyclesAsync(test, 10_000);
        }

        var growth = ManagedBytes() - before;
        var luaGrowth = await LuaKilobytesAsync(test) - luaBefore;

        // A leak of one small object per cycle (24 B or more) grows the heap by 1.9 MB or more over these 80 000
        // cycles. The queue and the wait table grow too, but only until they fit the most that one run of
        // 10 000 holds at once, in whichever run first gets there (seen: steps of 70 to 280 KB, up to ~400 KB in all).
        Assert.True(growth < 1024 * 1024, $"managed heap grew by {growth} bytes over 80 000 cycles");
        Assert.True(luaGrowth < 64, $"the Lua heap grew by {luaGrowth} KiB over 80 000 cycles");
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
