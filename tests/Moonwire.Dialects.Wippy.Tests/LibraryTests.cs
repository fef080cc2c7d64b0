namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>The errors and json modules and the Lua 5.1 names Wippy scripts use.</summary>
public sealed class LibraryTests
{
    private static async Task<IReadOnlyList<string>> OutputOf(string lua)
    {
        await using var script = await WippyScript.RunAsync(lua);
        Assert.Empty(script.Errors);
        return script.Output;
    }

    [Fact(Timeout = 30_000)]
    public async Task ErrorsIsMatchesOnlyErrorsOfThatKind()
    {
        var output = await OutputOf("""
            local _, err = require("websocket").connect("ws://127.0.0.1:1/")
            print(errors.is(err, errors.INTERNAL), errors.is(err, errors.PERMISSION_DENIED), errors.is("Internal", errors.INTERNAL), errors.is(nil, errors.INTERNAL))
            print(err:kind(), require("errors") == errors, errors.PERMISSION_DENIED, errors.INTERNAL)
            """);
        Assert.Equal(["true\tfalse\tfalse\tfalse", "Internal\ttrue\tPermissionDenied\tInternal"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task JsonRoundTripsAndReportsBadInputAsValues()
    {
        var output = await OutputOf("""
            print(json.encode({ b = { 1, 2.5, "x\n\"" }, a = true, e = {} }))
            local v = json.decode('{"x": [1, -2e2, {"y": null}], "s": "h\\u00e9 \\ud83d\\ude00", "t": false}')
            print(v.x[1], v.x[2], v.x[3].y, v.s, v.t)
            print(json.decode("{bad"))
            print(json.decode("[1] 2"))
            print(json.encode(print))
            print(require("json") == json)
            """);
        Assert.Equal([
            """{"a":true,"b":[1,2.5,"x\n\""],"e":[]}""",
            "1\t-200\tnil\thé 😀\tfalse",
            "nil\tinvalid JSON at position 2: object key expected",
            "nil\tinvalid JSON at position 4: trailing text",
            "nil\tcannot encode a value of type function",
            "true",
        ], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task Lua51NamesAreThere()
    {
        var output = await OutputOf("""
            print(unpack({ 1, 2, 3 }))
            print(loadstring("return 7")(), table.getn({ 1, 2 }), math.pow(2, 10), math.mod(7, 3))
            print(bit.band(0xff, 0x0f), bit.bor(1, 2, 4), bit.bxor(5, 3), bit.bnot(0), bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-16, 2), bit.tohex(255))
            print(require("bit") == bit)
            """);
        Assert.Equal(["1\t2\t3", "7\t2\t1024.0\t1", "15\t7\t6\t-1\t-2147483648\t15\t-4\t000000ff", "true"], output);
    }
}
