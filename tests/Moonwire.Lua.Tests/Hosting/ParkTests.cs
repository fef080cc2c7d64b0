namespace Moonwire.Lua.Tests;

/// <summary><c>moonwire.park</c> and <c>moonwire.wake</c>: a wait that another coroutine can end early.</summary>
public sealed class ParkTests
{
    [Fact(Timeout = 30_000)]
    public async Task A_wake_resumes_the_parked_coroutine_on_a_later_turn_with_its_values()
    {
        await using var test = await TestHost.StartAsync();

        Assert.True(await test.RunToEndAsync("""
            local parked = moonwire.spawn(function()
              local started = os.clock()
              local woken, a, b, c = moonwire.park(30)
              moonwire.log("info", "woken", tostring(woken), a, tostring(b), c, tostring(os.clock() - started < 10))
            end)
            moonwire.spawn(function()
              moonwire.log("info", "wake", tostring(moonwire.wake(parked, "x", nil, 3)))
              moonwire.log("info", "again", tostring(moonwire.wake(parked, "y")))
            end)
            """));

        Assert.Equal(["wake true", "again false", "woken true x nil 3 true"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_park_ends_false_when_its_time_runs_out_and_a_second_wake_finds_nothing()
    {
        await using var test = await TestHost.StartAsync();

        Assert.True(await test.RunToEndAsync("""
            local parked = moonwire.spawn(function()
              moonwire.log("info", "timed out", moonwire.park(0.02))
              moonwire.log("info", "then woken", moonwire.park(30))
            end)
            moonwire.spawn(function()
              moonwire.sleep(0.5)
              moonwire.log("info", "wake", tostring(moonwire.wake(parked, "now")))
              moonwire.log("info", "again", tostring(moonwire.wake(parked)))
            end)
            """));

        Assert.Equal(["timed out false", "wake true", "again false", "then woken true now"], test.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_park_without_a_limit_waits_for_its_wake_and_a_woken_parks_timer_is_cancelled()
    {
        await using var test = await TestHost.StartAsync();

        // Were the first timer of "timed" left running, it would end the second park at 0.05 s.
        Assert.True(await test.RunToEndAsync("""
            local forever = moonwire.spawn(function() moonwire.log("info", "forever", moonwire.park()) end)
            local timed = moonwire.spawn(function()
              moonwire.log("info", "timed", moonwire.park(0.05))
              moonwire.log("info", "timed again", moonwire.park())
            end)
            moonwire.spawn(function()
              moonwire.wake(timed, 1)
              moonwire.sleep(0.3)
              moonwire.wake(forever, 2)
              moonwire.wake(timed, 3)
            end)
            """));

        Assert.Equal(["timed true 1", "forever true 2", "timed again true 3"], test.Output);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("moonwire.park(1)", "test:1: 'park' must be called inside a coroutine")]
    [InlineData("moonwire.spawn(function() moonwire.park('1') end)", "test:1: bad argument #1 to 'park' (number expected, got string)")]
    [InlineData("moonwire.wake({})", "test:1: bad argument #1 to 'wake' (coroutine expected, got table)")]
    public async Task Misuse_raises_at_the_callers_line(string lua, string error)
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync(lua);

        Assert.StartsWith(error, Assert.Single(test.Errors), StringComparison.Ordinal);
    }
}
