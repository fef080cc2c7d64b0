namespace Moonwire.Lua.Tests;

/// <summary><see cref="LuaHost.RunScriptAsync"/>: the one call an embedding application makes.</summary>
public sealed class RunScriptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 30_000)]
    public async Task A_script_runs_until_its_timers_have_fired_then_the_host_stops()
    {
        var log = new RecordingLog();
        await using var host = new LuaHost(new LuaHostOptions { Log = log });

        var ok = await host.RunScriptAsync(new PlainDialect(),
            """local word = ... moonwire.after(0.05, function() moonwire.log("info", word) end)"""u8.ToArray(), "=test", "late")
            .WaitAsync(Patience);

        Assert.True(ok);
        Assert.True(host.Completion.IsCompleted);
        Assert.Equal(["late"], log.At(HostLogLevel.Info));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_error_in_a_callback_makes_the_result_false_and_is_logged()
    {
        var log = new RecordingLog();
        await using var host = new LuaHost(new LuaHostOptions { Log = log });

        var ok = await host.RunScriptAsync(new PlainDialect(),
            """moonwire.after(0, function() error("boom") end)"""u8.ToArray(), "=test")
            .WaitAsync(Patience);

        Assert.False(ok);
        Assert.Contains(log.At(HostLogLevel.Error), line => line.Contains("boom", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_script_that_does_not_compile_is_false_and_stops_the_host()
    {
        var log = new RecordingLog();
        await using var host = new LuaHost(new LuaHostOptions { Log = log });

        var ok = await host.RunScriptAsync(new PlainDialect(), "this is not lua"u8.ToArray(), "=test").WaitAsync(Patience);

        Assert.False(ok);
        await host.Completion.WaitAsync(Patience);
        Assert.Single(log.At(HostLogLevel.Error));
    }
}
