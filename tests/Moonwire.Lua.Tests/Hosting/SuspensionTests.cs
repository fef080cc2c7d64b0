namespace Moonwire.Lua.Tests;

public sealed class SuspensionTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_waiting_call_suspends_its_coroutine_and_resumes_it_with_the_result()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            moonwire.spawn(function()
              moonwire.log("info", "before")
              local v = wait(20, 42)
              moonwire.log("info", "got " .. v .. " " .. math.type(v))
            end)
            moonwire.spawn(function() moonwire.log("info", "meanwhile") end)
            """);

        Assert.Equal(["before", "meanwhile", "got 42 integer"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_already_completed_operation_returns_at_once_even_outside_a_coroutine()
    {
        await using var test = await TestHost.StartAsync();

        Assert.True(await test.RunToEndAsync("""moonwire.log("info", wait(0, 7))"""));

        Assert.Equal(["7"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_failed_operation_raises_in_the_coroutine_at_the_callers_line()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            moonwire.spawn(function()
              local ok, err = pcall(fail, 5, "connection refused")
              moonwire.log("info", tostring(ok), err)
              local ok2, err2 = pcall(function()
                fail(5, "timed out") -- line 5
              end)
              moonwire.log("info", err2)
            end)
            """);

        Assert.Equal(["false connection refused", "test:5: timed out"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Waits_pass_through_a_scripts_own_coroutines()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            moonwire.spawn(function()
              local co = coroutine.create(function(a)
                local b = coroutine.yield(a + wait(-1, 1))
                local c = wait(5, 10)
                return b + c
              end)
              local ok1, first = coroutine.resume(co, 1)
              local ok2, second = coroutine.resume(co, 100)
              local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(wait(-1, i) * 2) end end)
              moonwire.log("info", ok1, first, ok2, second, coroutine.status(co), gen(), gen(), gen())
            end)
            """);

        Assert.Equal(["true 2 true 110 dead 2 4 6"], test.Output);
    }

    [Fact(Timeout = 60_000)]
    public async Task Thousands_of_suspensions_and_errors_inside_coroutines_leave_the_host_running()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local finished, caught = 0, 0
            for i = 1, 2000 do
              moonwire.spawn(function()
                for step = 1, 5 do
                  wait(step % 2 == 0 and -1 or 1, step)
                  if pcall(fail, -1, "expected") == false then caught = caught + 1 end
                  local inner = coroutine.wrap(function() return wait(-1, i) end)
                  assert(inner() == i)
                end
                if i % 10 == 0 then error("uncaught " .. i) end
                finished = finished + 1
              end)
            end
            moonwire.spawn(function()
              while finished < 1800 do moonwire.sleep(0.01) end
              moonwire.log("info", finished, caught)
            end)
            """);

        Assert.Equal(["1800 10000"], test.Output);
        Assert.Equal(200, test.Errors.Count);
        Assert.Equal(200, test.Host.ErrorCount);
        Assert.Equal(0, test.Bindings.OffThreadCalls);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_coroutine_only_call_outside_a_coroutine_is_a_clear_lua_error()
    {
        await using var test = await TestHost.StartAsync();

        var ran = await test.RunAsync("""
            local ok, err = pcall(function() moonwire.sleep(0.01) end)
            moonwire.log("info", err)
            local ok2, err2 = pcall(function() wait(10, 1) end)
            moonwire.log("info", err2)
            moonwire.sleep(0.01) -- line 5
            """);

        Assert.False(ran);
        Assert.Equal(
            [
                "test:1: 'sleep' must be called inside a coroutine",
                "test:3: this call has to wait, which only a coroutine can do (start one with moonwire.spawn)",
            ],
            test.Output);
        var error = Assert.Single(test.Errors);
        Assert.StartsWith("test:5: 'sleep' must be called inside a coroutine\nstack traceback:", error, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_waiting_coroutine_resumed_outside_a_host_coroutine_is_a_clear_lua_error()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local inner = coroutine.wrap(function() return wait(10, 1) end)
            moonwire.log("info", select(2, pcall(inner)))
            """);

        Assert.Equal(["a coroutine waiting for I/O was resumed outside a host coroutine (use moonwire.spawn)"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Bad_arguments_read_as_luas_own_messages()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            for _, call in ipairs {
              function() moonwire.after("soon", print) end,
              function() moonwire.after(1) end,
              function() moonwire.spawn() end,
              function() moonwire.log("loud", "x") end,
              function() moonwire.path(nil) end,
            } do
              moonwire.log("info", select(2, pcall(call)))
            end
            """);

        Assert.Equal(
            [
                "test:2: bad argument #1 to 'after' (number expected, got string)",
                "test:3: bad argument #2 to 'after' (function expected, got nil)",
                "test:4: bad argument #1 to 'spawn' (function expected, got nil)",
                "test:5: bad argument #1 to 'log' (invalid option 'loud')",
                "test:6: bad argument #1 to 'path' (string expected, got nil)",
            ],
            test.Output);
    }
}
