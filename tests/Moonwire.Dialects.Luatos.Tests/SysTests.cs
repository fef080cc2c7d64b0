namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>The sys task model, log and the Lua 5.1 globals the platform's scripts use.</summary>
public sealed class SysTests
{
    [Fact(Timeout = 30_000)]
    public async Task Tasks_wait_and_get_their_arguments()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function(name, delay)
              sys.wait(delay)
              log.info("t", name)
            end, "slow", 500)
            sys.taskInit(function(name) sys.wait(1) log.info("t", name) end, "fast")
            sys.run()
            """));

        Assert.Equal(["fast", "slow"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Timers_fire_once_or_in_a_loop_until_stopped()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local ticks = 0
            local loop
            loop = sys.timerLoopStart(function(tag)
              ticks = ticks + 1
              if ticks == 3 then
                sys.timerStop(loop)
                log.info("t", tag, ticks, tostring(sys.timerIsActive(loop)))
              end
            end, 10, "loop")
            sys.timerStart(function(a, b) log.info("t", "once", a, b) end, 5, 1, 2)
            local never = sys.timerStart(function() log.info("t", "never") end, 20)
            sys.timerStop(never)
            """));

        Assert.Equal(["once 1 2", "loop 3 nil"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Timers_are_named_by_id_or_by_function_and_arguments()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local function show(tag) log.info("t", tag) end
            local first = sys.timerStart(show, 20, "a")
            local again = sys.timerStart(show, 30, "a") -- stops the first: same function, same argument
            sys.timerStart(show, 10, "b")
            log.info("t", tostring(sys.timerIsActive(first)), sys.timerIsActive(again) == show, tostring(sys.timerIsActive(show, "a")))
            sys.timerStop(show, "b")
            log.info("t", tostring((sys.timerIsActive(show, "b"))), tostring((sys.timerIsActive(show))))
            sys.timerStart(show, 10, "c")
            sys.timerLoopStart(show, 10, "d")
            sys.timerStopAll(show)
            sys.timerStart(show, 40, "e")
            """));

        Assert.Equal(["nil true true", "nil nil", "e"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task WaitUntil_returns_true_and_the_message_or_false_when_the_time_runs_out()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function()
              local started = os.clock()
              log.info("t", "got", sys.waitUntil("NET", 30000))
              log.info("t", "early", tostring(os.clock() - started < 10))
              log.info("t", "timeout", sys.waitUntil("NET", 20))
              log.info("t", "ext", sys.waitUntilExt("SIM", 30000))
              log.info("t", "ext timeout", sys.waitUntilExt("SIM", 20))
              log.info("t", "forever", sys.waitUntil("LAST"))
            end)
            sys.taskInit(function()
              sys.wait(50)
              sys.publish("NET", "up", nil, 4)
              sys.wait(1000)
              sys.publish("SIM", "ready")
              sys.wait(1000)
              sys.publish("LAST")
            end)
            """));

        Assert.Equal(
            ["got true up nil 4", "early true", "timeout false", "ext SIM ready", "ext timeout false", "forever true"],
            script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_task_in_waitUntil_is_unsubscribed_afterwards_and_a_plain_wait_is_not_woken()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.taskInit(function()
              log.info("t", "first", sys.waitUntil("NET", 30000))
              log.info("t", "wait", sys.wait(300))
            end)
            sys.taskInit(function()
              sys.wait(50)
              sys.publish("NET", 1)
              sys.publish("NET", 2)
              sys.wait(100)
              sys.publish("NET", 3)
            end)
            """));

        Assert.Equal(["first true 1", "wait"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Subscribers_that_are_not_functions_or_tasks_are_refused_with_a_warning()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            sys.subscribe("NET", "not a function")
            sys.subscribe(42, function() log.info("t", "never") end)
            sys.publish("NET")
            sys.publish(42)
            """));

        Assert.Empty(script.Output);
        Assert.Equal(2, script.Log.At(Lua.HostLogLevel.Warn).Count(line => line.Contains("sys.subscribe invalid parameter", StringComparison.Ordinal)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Init_checks_PROJECT_and_VERSION()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            log.info("t", pcall(sys.init, 0, 0))
            PROJECT, VERSION = "WEBSOCKET", "1.0.0"
            log.info("t", pcall(sys.init, 0, 0))
            """));

        Assert.Equal(["false Undefine PROJECT or VERSION", "true"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Published_messages_reach_subscribers_on_a_later_turn()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local function show(...) log.info("t", "got", ...) end
            local function gone() log.info("t", "gone") end
            sys.subscribe("NET", show)
            sys.subscribe("NET", gone)
            sys.unsubscribe("NET", gone)
            sys.publish("NET", "up", 4)
            log.info("t", "published")
            """));

        Assert.Equal(["published", "got up 4"], script.Output);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("sys.wait(10)", "test:1: sys.wait must be called inside a task (sys.taskInit)")]
    [InlineData("sys.taskInit(function() sys.wait(0) end)", "test:1: bad argument #1 to 'wait' (positive number expected)")]
    [InlineData("sys.timerStart('f', 10)", "test:1: bad argument #1 to 'timerStart' (function expected, got string)")]
    [InlineData("sys.timerLoopStart(print, 0)", "test:1: bad argument #2 to 'timerLoopStart' (positive number expected)")]
    [InlineData("sys.waitUntil('NET', 10)", "test:1: sys.waitUntil must be called inside a task (sys.taskInit)")]
    [InlineData("sys.taskInit(function() sys.waitUntilExt('NET', -1) end)", "test:1: bad argument #2 to 'waitUntilExt' (positive number expected)")]
    public async Task Misuse_raises(string lua, string error)
    {
        await using var script = await LuatosScript.StartAsync();

        await script.RunToEndAsync(lua);

        Assert.StartsWith(error, Assert.Single(script.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Log_levels_are_filtered_by_LOG_LEVEL()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            log.debug("t", "hidden")
            log.info("t", "shown", 1)
            LOG_LEVEL = log.LOGLEVEL_DEBUG
            log.debug("t", "now shown")
            """));

        Assert.Equal(["shown 1"], script.Output);
        Assert.Contains("[D]-[t] now shown", script.Log.At(Lua.HostLogLevel.Debug));
    }

    [Fact(Timeout = 30_000)]
    public async Task The_Lua_5_1_globals_are_there()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local a, b = unpack({ 1, 2 })
            log.info("t", a + b, loadstring("return 5")(), table.getn({ 1, 2, 3 }), math.pow(2, 10))
            log.info("t", bit.band(0xF0, 0x3C), bit.bor(1, 2, 4), bit.bxor(5, 1), bit.lshift(1, 4), bit.rshift(0x100, 4))
            log.info("t", bit.bnot(0), tostring(bit.isset(4, 2)), tostring(bit.isclear(4, 1)), bit.bit(3))
            log.info("t", tostring(socket.isReady()))
            """));

        Assert.Equal(["3 5 3 1024.0", "48 7 4 16 16", "4294967295 true true 8", "true"], script.Output);
    }
}
