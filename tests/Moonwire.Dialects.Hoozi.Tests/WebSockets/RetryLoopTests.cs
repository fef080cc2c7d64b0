using System.Diagnostics;

namespace Moonwire.Dialects.Hoozi.Tests.WebSockets;

/// <summary>Alone in its collection: it counts the process's threads and memory, which other tests would move.</summary>
[CollectionDefinition(nameof(RetryLoopTests), DisableParallelization = true)]
[Collection(nameof(RetryLoopTests))]
public sealed class RetryLoopTests
{
    [Fact(Timeout = 120_000)]
    public async Task TenThousandFailedConnectsLeakNothing()
    {
        // The document's retry loop: reconnect from on_close, 100 at a time, 10 000 failures in all.
        var port = Ports.Free();
        var threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        await using var script = await HooziScript.StartAsync($$"""
            local failures, started = 0, 0
            local function attempt()
                if started == 10000 then return end
                started = started + 1
                net.ws:connect("ws://127.0.0.1:{{port}}/", {
                    on_error = function() failures = failures + 1 end,
                    on_close = function(_, code) if failures == 10000 then print("failures", failures, code) end attempt() end,
                })
            end
            for _ = 1, 100 do attempt() end
            """);
        await script.Finished(100);
        Assert.Equal(["failures\t10000\t1006"], script.Lines);
        Assert.Equal(0, script.Dialect.LiveClientCount);
        var threadsAfter = Process.GetCurrentProcess().Threads.Count;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(threadsAfter < threadsBefore + 20, $"threads: {threadsBefore} before, {threadsAfter} after");
        Assert.True(memoryAfter - memoryBefore < 8 << 20, $"managed memory: {memoryBefore} bytes before, {memoryAfter} after");
    }
}
