namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>ws:on callbacks live exactly as long as their ws: nothing of them stays behind in the registry.</summary>
public sealed class CallbackLifetimeTests
{
    // Entries of the registry and of the dialect's two callback tables, and the Lua heap in KiB.
    private const string Census = """
        local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
        local registry = debug.getregistry()
        function census()
          collectgarbage() collectgarbage()
          return count(registry), count(registry["luatos.callbacks"]), count(registry["luatos.objects"]), collectgarbage("count")
        end

        """;

    [Fact(Timeout = 60_000)]
    public async Task Ten_thousand_dropped_websockets_with_callbacks_that_use_them_leave_nothing_behind()
    {
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync(Census + """
            local function round()
              for i = 1, 10000 do
                local ws = websocket.new("ws://127.0.0.1:9/" .. i)
                ws:on("open", function() ws:send("hello") end)
                ws:on("message", function(data) ws:close(1000, data) end)
                ws:on("close", function() end)
              end
            end
            round() -- grows the tables once; a second round must not grow the heap
            local registryBefore, _, _, heapBefore = census()
            round()
            local registryAfter, callbacks, objects, heapAfter = census()
            log.info("t", registryAfter - registryBefore, callbacks, objects, tostring(heapAfter - heapBefore < 64))
            """));

        Assert.Equal(["0 0 0 true"], script.Output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Exit_drops_the_callbacks_after_its_close_has_fired()
    {
        await using var server = new EchoServer();
        await using var script = await LuatosScript.StartAsync();

        Assert.True(await script.RunToEndAsync(Census + """
            ws = websocket.new(...)
            ws:on("open", function() websocket.exit(ws) end)
            ws:on("close", function(code)
              log.info("t", "close", code)
              sys.timerStart(function()
                local _, callbacks, objects = census()
                log.info("t", "left", callbacks, objects, tostring(ws ~= nil))
              end, 10)
            end)
            sys.taskInit(ws.start, ws)
            """, server.Url));

        Assert.Equal(["close 1001", "left 0 0 true"], script.Output);
    }
}
