namespace Moonwire.Lua.Tests;

public sealed class LifecycleTests
{
    [Fact(Timeout = 30_000)]
    public async Task Stopping_disposes_owned_resources_and_drops_pending_completions_and_timers()
    {
        var test = await TestHost.StartAsync();
        var resource = new Resource();
        test.Host.Own(resource);
        await test.RunAsync("""moonwire.spawn(function() gate() moonwire.log("info", "resumed after stop") end)""");
        await test.Host.InvokeAsync(() => { }); // the coroutine has started and waits on the gate

        // Stop in the same turn that makes a timer due at once, so only the stop can keep it from firing.
        await test.Host.InvokeAsync(() =>
        {
            test.Host.RunChunk("""moonwire.after(0, function() moonwire.log("info", "timer after stop") end)"""u8, "=test");
            _ = test.Host.StopAsync();
        });
        await test.Host.Completion.WaitAsync(TestHost.Patience);
        test.Bindings.Gate.SetResult(1);
        test.Host.Post(() => throw new InvalidOperationException("posted after stop"));
        await Task.Delay(100);

        Assert.Equal(1, resource.Disposals);
        Assert.Empty(test.Output);
        Assert.Empty(test.Errors);
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Host.InvokeAsync(() => { }));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_owned_resource_keeps_the_host_from_idling_until_it_is_given_up()
    {
        await using var test = await TestHost.StartAsync();
        var resource = new Resource();
        var ownership = test.Host.Own(resource);

        test.Host.StopWhenIdle();
        await Task.Delay(100);
        Assert.False(test.Host.Completion.IsCompleted);

        ownership.Dispose();
        await test.Host.Completion.WaitAsync(TestHost.Patience);
        Assert.Equal(0, resource.Disposals);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_resource_owned_after_stop_is_disposed_at_once()
    {
        var test = await TestHost.StartAsync();
        await test.Host.StopAsync().WaitAsync(TestHost.Patience);
        var resource = new Resource();

        test.Host.Own(resource);

        Assert.Equal(1, resource.Disposals);
    }

    private sealed class Resource : IAsyncDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref _disposals);
            return ValueTask.CompletedTask;
        }
    }
}
