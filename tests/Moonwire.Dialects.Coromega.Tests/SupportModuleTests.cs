namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>The LuaLoader modules the examples load (omega, coromega's scheduler, json) and the Lua 5.1 globals.</summary>
public sealed class SupportModuleTests
{
    [Fact(Timeout = 20_000)]
    public async Task RequireGivesTheSameCoromegaAndOmegaFindsCodeUnderTheScriptFolder()
    {
        await using var script = await CoromegaScript.StartAsync("""
            local omega = require("omega")
            print(require("coromega").from(omega) == coromega)
            print(omega.storage_path.get_code_path("LuaLoader", "?.lua"))
            """);

        Assert.Equal(["true", Path.Combine(Repository.Root, "examples", "coromega", "LuaLoader", "?.lua")], await script.PrintedAsync(2));
    }

    [Fact(Timeout = 20_000)]
    public async Task PrintJoinsWithSpacesAndFormatsNumbersAndTables()
    {
        await using var script = await CoromegaScript.StartAsync("""
            coromega:print("a", 1, 2.0, 1 / 3, nil, true, { 1, "x" })
            """);

        Assert.Equal(["a 1 2 0.333 nil true [1,\"x\"]"], await script.PrintedAsync(1));
    }

    [Fact(Timeout = 20_000)]
    public async Task StartNewRunsSessionsAndSleepWaitsInThem()
    {
        await using var script = await CoromegaScript.StartAsync("""
            coromega:start_new(function(tag) coromega:sleep(0.2) print(tag) end, "slow")
            coromega:start_new(function() print("fast") end)
            coromega:run()
            print("after run")
            """);

        Assert.Equal(["after run", "fast", "slow"], await script.PrintedAsync(3));
        await script.EndedAsync();
    }

    [Fact(Timeout = 20_000)]
    public async Task JsonEncodeIsTheModuleSendUses()
    {
        await using var script = await CoromegaScript.StartAsync("""
            local json = require("json")
            print(json.encode({ a = { 1, 2 } }), json.encode("x"), json.encode(nil), json.encode(3))
            """);

        Assert.Equal(["{\"a\":[1,2]}\t\"x\"\tnull\t3"], await script.PrintedAsync(1));
    }

    [Fact(Timeout = 20_000)]
    public async Task Lua51GlobalsAreThere()
    {
        await using var script = await CoromegaScript.StartAsync("""
            print(unpack({ 1, 2 }))
            print(loadstring("return 7")())
            print(table.getn({ 1, 2, 3 }), math.pow(2, 10))
            print(bit.band(0xF0, 0x3C), bit.bor(1, 2, 4), bit.bxor(5, 1), bit.bnot(0))
            print(bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-16, 2), bit.tobit(0xFFFFFFFF))
            print(require("bit") == bit)
            """);

        Assert.Equal(["1\t2", "7", "3\t1024.0", "48\t7\t4\t-1", "-2147483648\t15\t-4\t-1", "true"], await script.PrintedAsync(6));
    }
}
