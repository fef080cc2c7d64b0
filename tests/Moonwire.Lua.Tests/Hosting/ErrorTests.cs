namespace Moonwire.Lua.Tests;

public sealed class ErrorTests
{
    [Fact(Timeout = 30_000)]
    public async Task Errors_in_callbacks_and_coroutines_are_reported_with_tracebacks_and_the_host_goes_on()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""
            local function explode(what)
              error("boom in " .. what)
            end
            moonwire.after(0.01, function() explode("callback") end)
            moonwire.spawn(function() wait(5, 0) explode("coroutine") end)
            moonwire.after(0.05, function() moonwire.log("info", "still running") end)
            """);

        Assert.Equal(["still running"], test.Output);
        Assert.Equal(2, test.Errors.Count);
        Assert.All(test.Errors, error =>
        {
            Assert.Contains("test:2: boom in ", error, StringComparison.Ordinal);
            Assert.Contains("stack traceback:", error, StringComparison.Ordinal);
            Assert.Contains("in upvalue 'explode'", error, StringComparison.Ordinal);
        });
    }

    [Fact(Timeout = 30_000)]
    public async Task A_non_string_error_says_what_it_was()
    {
        await using var test = await TestHost.StartAsync();

        await test.RunToEndAsync("""moonwire.spawn(function() error({ code = 1 }) end)""");

        Assert.StartsWith("(error object is a table value)", Assert.Single(test.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task StopOnError_stops_the_host_at_the_first_error()
    {
        await using var test = await TestHost.StartAsync(stopOnError: true);

        await test.RunAsync("""
            moonwire.after(0.01, function() error("first") end)
            moonwire.after(0.2, function() moonwire.log("info", "never") end)
            """);
        await test.Host.Completion.WaitAsync(TestHost.Patience);

        Assert.Empty(test.Output);
        Assert.Contains("test:1: first", Assert.Single(test.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_syntax_error_is_reported_and_the_chunk_does_not_run()
    {
        await using var test = await TestHost.StartAsync();

        Assert.False(await test.RunAsync("moonwire.log('info', 'x')\nlocal = 1"));

        Assert.Empty(test.Output);
        Assert.StartsWith("test:2:", Assert.Single(test.Errors), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Lua_is_refused_off_the_host_thread()
    {
        await using var test = await TestHost.StartAsync();

        Assert.Throws<InvalidOperationException>(() => test.Host.RunChunk("return 1"u8, "=test"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Host.InvokeAsync(() => test.Host.RunBindings("error('x')"u8, "=bad")));
    }
}
