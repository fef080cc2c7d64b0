namespace Moonwire.Lua.Tests;

public sealed class SchedulerTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_spawned_chunk_runs_as_a_coroutine_with_its_arguments_on_a_later_turn()
    {
        await using var test = await TestHost.StartAsync();
        var spawned = await test.Host.InvokeAsync(() =>
        {
            var ok = test.Host.SpawnChunk("""
                local a, b = ...
                moonwire.sleep(0.01)
                moonwire.log("info", a .. b, coroutine.isyieldable())
                """u8, "=spawned", "x", "y");
            test.Host.RunChunk("""moonwire.log("info", "main first")"""u8, "=main");
            return ok;
        }).WaitAsync(TestHost.Patience);
        test.Host.StopWhenIdle();
        await test.Host.Completion.WaitAsync(TestHost.Patience);

        Assert.True(spawned);
        Assert.Equal(["main first", "xy true"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_spawned_chunk_that_does_not_compile_is_reported()
    {
        await using var test = await TestHost.StartAsync();
        var spawned = await test.Host.InvokeAsync(() => test.Host.SpawnChunk("local = 1"u8, "=broken")).WaitAsync(TestHost.Patience);

        Assert.False(spawned);
        Assert.Contains(test.Errors, e => e.Contains("broken:1:", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task Posted_work_runs_in_post_order_on_the_host_thread()
    {
        await using var test = await TestHost.StartAsync();
        var seen = new List<int>();
        var offThread = 0;
        for (var i = 0; i < 1000; i++)
        {
            var n = i;
            test.Host.Post(() =>
            {
                offThread += test.Host.IsHostThread ? 0 : 1;
                seen.Add(n);
            });
        }

        await test.Host.InvokeAsync(() => { }).WaitAsync(TestHost.Patience);

        Assert.Equal(Enumerable.Range(0, 1000), seen);
        Assert.Equal(0, offThread);
    }

    [Fact(Timeout = 30_000)]
    public async Task Timers_fire_by_due_time_and_equal_due_times_in_creation_order()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local function say(word) return function() moonwire.log("info", word) end end
            moonwire.after(0.06, say("late"))
            moonwire.after(0.02, say("first"))
            moonwire.after(0.04, say("middle"))
            moonwire.after(0.02, say("second"))
            moonwire.after(0, say("now"))
            """);

        Assert.Equal(["now", "first", "second", "middle", "late"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Host_timers_made_in_one_turn_with_one_delay_fire_in_order()
    {
        await using var test = await TestHost.StartAsync();
        var fired = new List<int>();

        await test.Host.InvokeAsync(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                var n = i;
                test.Host.After(TimeSpan.FromMilliseconds(10), () => fired.Add(n));
            }
        });
        test.Host.StopWhenIdle();
        await test.Host.Completion.WaitAsync(TestHost.Patience);

        Assert.Equal(Enumerable.Range(0, 100), fired);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_cancelled_timer_never_fires()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local t = moonwire.after(0.01, function() moonwire.log("info", "cancelled one fired") end)
            t:cancel()
            t:cancel()
            moonwire.after(0.03, function() moonwire.log("info", "kept") end)
            """);

        Assert.Equal(["kept"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Sleeping_coroutines_wake_in_due_order()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            moonwire.spawn(function() moonwire.sleep(0.5) moonwire.log("info", "slow") end)
            moonwire.spawn(function(a, b) moonwire.sleep(0.1) moonwire.log("info", a .. b) end, "fa", "st")
            """);

        Assert.Equal(["fast", "slow"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Coroutines_start_in_spawn_order_and_a_plain_yield_gives_the_others_a_turn()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            moonwire.spawn(function() moonwire.log("info", "a1") coroutine.yield() moonwire.log("info", "a2") end)
            moonwire.spawn(function() moonwire.log("info", "b1") coroutine.yield() moonwire.log("info", "b2") end)
            moonwire.log("info", "main")
            """);

        Assert.Equal(["main", "a1", "b1", "a2", "b2"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Negative_nan_and_huge_delays_make_valid_timers()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local never = moonwire.after(math.huge, function() moonwire.log("info", "never") end)
            moonwire.after(0/0, function() moonwire.log("info", "nan") end)
            moonwire.spawn(function() moonwire.sleep(-5) moonwire.log("info", "slept") never:cancel() end)
            """);

        Assert.Equal(["nan", "slept"], test.Output);
        Assert.Empty(test.Errors);
    }
}
