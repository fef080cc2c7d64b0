using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Moonwire.Engine.Protocol;

namespace Moonwire.Lua.Tests.Sockets;

/// <summary>Coroutines suspended on the engine's real loopback I/O, and what stopping a script does to its sockets.</summary>
public sealed class SocketSuspensionTests
{
    [Fact(Timeout = 60_000)]
    public async Task Many_coroutines_suspend_on_real_sockets_and_each_gets_its_own_replies_in_order()
    {
        await using var server = await EchoServer.StartAsync();
        await using var test = await TestHost.StartAsync();
        var sockets = new SocketBindings(test.Host);
        await test.Host.InvokeAsync(sockets.Install);

        var ok = await test.RunToEndAsync($$"""
            for c = 1, 50 do
              moonwire.spawn(function()
                local id = ws_connect("{{server.Url}}")
                for i = 1, 20 do
                  ws_send(id, c .. ":" .. i)
                  assert(ws_receive(id) == c .. ":" .. i, "reply out of order")
                end
                ws_close(id)
                moonwire.log("info", "done")
              end)
            end
            """);

        Assert.True(ok);
        Assert.Empty(test.Errors);
        Assert.Equal(50, test.Output.Count);
        Assert.Equal(0, sockets.OpenCount);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_refused_connect_raises_in_the_coroutine_with_the_engines_message()
    {
        await using var test = await TestHost.StartAsync();
        var sockets = new SocketBindings(test.Host);
        await test.Host.InvokeAsync(sockets.Install);

        await test.RunToEndAsync($$"""
            moonwire.spawn(function()
              local ok, err = pcall(ws_connect, "ws://127.0.0.1:{{ClosedPort()}}/")
              moonwire.log("info", tostring(ok) .. " " .. err)
            end)
            """);

        Assert.StartsWith("false Cannot connect to 127.0.0.1:", Assert.Single(test.Output), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stopping_the_script_closes_its_sockets_and_drops_its_waiting_coroutines()
    {
        await using var server = await EchoServer.StartAsync();
        var test = await TestHost.StartAsync();
        var sockets = new SocketBindings(test.Host);
        await test.Host.InvokeAsync(sockets.Install);
        await test.RunAsync($$"""
            moonwire.spawn(function()
              local id = ws_connect("{{server.Url}}")
              moonwire.log("info", "open")
              ws_receive(id)
              moonwire.log("info", "never")
            end)
            """);
        while (test.Output.Count == 0)
        {
            await Task.Delay(10);
        }

        await test.DisposeAsync();

        Assert.Equal(CloseCode.GoingAway, await server.NextCloseCodeAsync());
        Assert.Equal(["open"], test.Output);
        Assert.Empty(test.Errors);
    }

    [Fact(Timeout = 120_000)]
    public async Task Ten_thousand_failed_connects_leave_memory_handles_and_threads_flat()
    {
        await using var test = await TestHost.StartAsync();
        var sockets = new SocketBindings(test.Host);
        await test.Host.InvokeAsync(sockets.Install);
        var url = $"ws://127.0.0.1:{ClosedPort()}/";
        await test.RunAsync($$"""
            function reconnect(n)
              moonwire.spawn(function()
                for i = 1, n do
                  local ok = pcall(ws_connect, "{{url}}")
                  assert(not ok)
                end
                moonwire.log("info", "done")
              end)
            end
            """);

        await ReconnectAsync(test, 2_000); // warms up pools, the JIT and the wait table
        var before = Sample();
        await ReconnectAsync(test, 10_000);
        var after = Sample();

        Assert.True(after.Bytes - before.Bytes < 1 << 20, $"managed heap grew by {after.Bytes - before.Bytes} bytes");
        Assert.True(after.Handles - before.Handles < 20, $"open file descriptors grew from {before.Handles} to {after.Handles}");
        // The thread pool may add a few workers on a loaded machine; a thread per connect would add thousands.
        Assert.True(after.Threads - before.Threads < 32, $"threads grew from {before.Threads} to {after.Threads}");
        Assert.Empty(test.Errors);
    }

    private static async Task ReconnectAsync(TestHost test, int n)
    {
        var done = test.Output.Count + 1;
        await test.RunAsync($"reconnect({n})");
        while (test.Output.Count < done)
        {
            await Task.Delay(10);
        }
    }

    private static (long Bytes, int Handles, int Threads) Sample()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length, process.Threads.Count);
    }

    /// <summary>A loopback port with nothing listening: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
