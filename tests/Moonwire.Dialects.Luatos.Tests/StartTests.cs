namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>ws:start: reconnection, heartbeat, exit and the host's lifecycle.</summary>
public sealed class StartTests
{
    [Fact(Timeout = 30_000)]
    public async Task Start_reconnects_after_every_drop_and_fires_close_each_time()
    {
        var drops = 0;
        await using var server = new EchoServer(greet: connection =>
        {
            Interlocked.Increment(ref drops);
            connection.Abort();
            return Task.CompletedTask;
        });
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local ws = websocket.new(...)
            local closes = 0
            ws:on("close", function(code)
              closes = closes + 1
              if closes == 3 then
                log.info("t", "closes", closes, code)
                websocket.exit(ws)
              end
            end)
            sys.taskInit(function() ws:start(nil, nil, 0.05) log.info("t", "start returned") end)
            """, server.Url));

        Assert.Equal(["closes 3 1001", "start returned"], script.Output);
        Assert.InRange(Volatile.Read(ref drops), 3, 4);
    }

    [Fact(Timeout = 30_000)]
    public async Task KeepAlive_pings_heart_while_connected()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunAsync("""
            ws = websocket.new(...)
            sys.taskInit(ws.start, ws, 0.05)
            """, server.Url));
        await ExampleTests.WaitForAsync(() => server.Received.Count(entry => entry == "ping:heart") >= 2);
        Assert.True(await script.RunToEndAsync("websocket.exit(ws)"));

        await ExampleTests.WaitForAsync(() => server.Received.Contains("close:1000:"));
    }

    [Fact(Timeout = 30_000)]
    public async Task Start_twice_raises_and_exit_without_start_does_nothing()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local ws = websocket.new(...)
            websocket.exit(ws)
            sys.taskInit(ws.start, ws)
            sys.taskInit(function()
              local ok, err = pcall(ws.start, ws)
              log.info("t", err)
              websocket.exit(ws)
            end)
            """, server.Url));

        Assert.Equal(["this websocket is already started (websocket.exit ends its task)"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Stopping_the_host_ends_a_running_start()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunAsync("""
            local ws = websocket.new(...)
            ws:on("open", function() log.info("t", "open") end)
            sys.taskInit(ws.start, ws, 180)
            """, server.Url));
        await ExampleTests.WaitForAsync(() => script.Output.Contains("open"));

        await script.Host.StopAsync().WaitAsync(LuatosScript.Patience);

        await ExampleTests.WaitForAsync(() => server.Received.Contains("close:1001:") || server.Received.Contains("dropped"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Reconnecting_for_a_long_time_does_not_grow_Luas_memory()
    {
        await using var server = new EchoServer(greet: connection => connection.CloseAsync(1000, "again"));
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync("""
            local ws = websocket.new(...)
            local closes, baseline = 0, nil
            ws:on("close", function()
              closes = closes + 1
              if closes == 50 then
                collectgarbage()
                baseline = collectgarbage("count")
              elseif closes == 250 then
                collectgarbage()
                log.info("t", "growth", math.floor(collectgarbage("count") - baseline))
                websocket.exit(ws)
              end
            end)
            sys.taskInit(ws.start, ws, 180, function() end, 0.001)
            """, server.Url));

        var growth = int.Parse(Assert.Single(script.Output)["growth ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(growth, -1000, 16);
    }
}
