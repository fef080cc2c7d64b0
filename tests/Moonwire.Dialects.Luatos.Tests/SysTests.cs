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

        Assert.Equal(["once 1 2", "loop 3 false"], script.Output);
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
