namespace Moonwire.Dialects.Hoozi.Tests.Library;

/// <summary>The json, log, event and game modules the document's examples use.</summary>
public sealed class CompanionTests
{
    [Theory(Timeout = 20_000)]
    [InlineData("{hp = 100, vel = {x = 1.5}}", "{\"hp\":100,\"vel\":{\"x\":1.5}}")]
    [InlineData("{}", "[]")]
    [InlineData("{1, 'two', true}", "[1,\"two\",true]")]
    [InlineData("'quote \" and \\n'", "\"quote \\\" and \\n\"")]
    [InlineData("0/0", "null")]
    [InlineData("print", "null")]
    public async Task JsonEncodes(string value, string json)
    {
        await using var script = await RunAsync($"print(json.encode({value}))");
        Assert.Equal([json], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task JsonDecodesAndReportsErrors()
    {
        await using var script = await RunAsync("""
            local v = json.decode('{"a": [1, 2.5, "x\\u00e9"], "b": null, "c": false}')
            print(v.a[1], v.a[2], v.a[3], v.b, v.c, math.type(v.a[1]))
            print(json.decode('{"a": }'))
            print(json.decode('[1] x'))
            """);
        Assert.Equal(["1\t2.5\txé\tnil\tfalse\tinteger", "nil\tunexpected character at 7", "nil\ttrailing characters at 4"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task LogWritesAtItsLevel()
    {
        await using var script = await RunAsync("log.info('i') log.warn('w') log.error('e')");
        Assert.Equal(["i"], script.Lines);
        Assert.Equal(["w"], script.Log.At(Moonwire.Lua.HostLogLevel.Warn));
        Assert.Equal(["e"], script.Errors);
    }

    [Fact(Timeout = 20_000)]
    public async Task FrameUpdateTicksUntilTheLastHandlerGoes()
    {
        await using var script = await RunAsync("""
            local frames = 0
            local handle
            handle = event.on("frame_update", function(e)
                frames = frames + 1
                if frames == 5 then
                    print("frames", frames, e.delta_time > 0, e.source, type(e.timestamp), event.off(handle), event.off(handle))
                end
            end)
            print("handle", math.type(handle), _SCRIPT_PATH:match("script%.lua$"))
            """);
        Assert.Equal(["handle\tinteger\tscript.lua", "frames\t5\ttrue\tframe_update\tnumber\ttrue\tfalse"], script.Lines);
    }

    [Fact(Timeout = 20_000)]
    public async Task AnErrorInACallbackIsReportedAndOthersStillRun()
    {
        await using var peer = await HttpPeer.StartAsync();
        await using var script = await RunAsync($"""
            net.http:get('{peer.Url}/', function() error('first fails') end)
            net.http:get('{peer.Url}/', function(resp) print('second', resp.status) end)
            """);
        Assert.Equal(["second\t200"], script.Lines);
        Assert.Contains("first fails", Assert.Single(script.Errors));
    }

    [Theory(Timeout = 20_000)]
    [InlineData("event.on(1, print)", "bad argument #1 to 'on' (string expected, got number)")]
    [InlineData("event.on('x')", "bad argument #2 to 'on' (function expected, got nil)")]
    public async Task EventChecksItsArguments(string call, string error)
    {
        await using var script = await RunAsync($"print(select(2, pcall(function() {call} end)))");
        Assert.EndsWith("script.lua:1: " + error, Assert.Single(script.Lines));
    }

    private static async Task<HooziScript> RunAsync(string source)
    {
        var script = await HooziScript.StartAsync(source);
        await script.Finished(15);
        return script;
    }
}
