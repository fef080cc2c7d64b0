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
    public async Task ErrorsNewWithAMessageIsAnUnknownErrorThatDoesNotSayWhetherToRetry()
    {
        var output = await OutputOf("""
            local err = errors.new("something went wrong")
            print(err:message(), tostring(err), err:kind() == errors.UNKNOWN, err:retryable(), err:details())
            print(errors.is(err, errors.UNKNOWN), errors.is(err, errors.INTERNAL), err:stack():match("^stack traceback:\n%s*script:1:") ~= nil)
            """);
        Assert.Equal(["something went wrong\tsomething went wrong\ttrue\tnil\tnil", "true\tfalse\ttrue"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ErrorsNewWithATableKeepsKindRetryableAndACopyOfItsDetails()
    {
        var output = await OutputOf("""
            local details = { user_id = 123, errors = { { field = "email", message = "invalid format" } } }
            local err = errors.new({ message = "user not found", kind = errors.NOT_FOUND, retryable = false, details = details })
            details.user_id = 0
            local got = err:details()
            got.user_id = -1
            print(err:message(), err:kind(), err:retryable(), errors.is(err, errors.NOT_FOUND))
            print(err:details().user_id, err:details().errors[1].field, err:details() ~= err:details())
            print(errors.new({ message = "busy", retryable = true }):retryable(), errors.new({ message = "m" }):kind() == errors.UNKNOWN)
            """);
        Assert.Equal(["user not found\tNotFound\tfalse\ttrue", "123\temail\ttrue", "true\ttrue"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ErrorsWrapAddsContextAndKeepsKindRetryableAndDetails()
    {
        var output = await OutputOf("""
            local inner = errors.new({ message = "connection reset", kind = errors.UNAVAILABLE, retryable = true, details = { host = "db" } })
            local err = errors.wrap(inner, "failed to load users")
            print(err:message(), err:kind(), err:retryable(), err:details().host, inner:message())
            local _, dial = require("websocket").connect("ws://127.0.0.1:1/")
            local wrapped = errors.wrap(dial, "chat")
            print(wrapped:kind(), wrapped:retryable(), wrapped:message():sub(1, 28))
            print(errors.wrap("plain", "ctx"):message(), errors.wrap("plain", "ctx"):kind() == errors.UNKNOWN, errors.wrap(nil, "ctx"))
            """);
        Assert.Equal(
            ["failed to load users: connection reset\tUnavailable\ttrue\tdb\tconnection reset", "Internal\ttrue\tchat: failed to dial websock", "ctx: plain\ttrue\tnil"],
            output);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("errors.new()", "script:1: bad argument #1 to 'new' (string or table expected, got nil)")]
    [InlineData("errors.new({ kind = errors.INVALID })", "script:1: bad argument #1 to 'new' (field 'message': string expected, got nil)")]
    [InlineData("errors.new({ message = 'm', kind = 5 })", "script:1: bad argument #1 to 'new' (field 'kind': string expected, got number)")]
    [InlineData("errors.new({ message = 'm', retryable = 'yes' })", "script:1: bad argument #1 to 'new' (field 'retryable': boolean expected, got string)")]
    [InlineData("errors.new({ message = 'm', details = 'x' })", "script:1: bad argument #1 to 'new' (field 'details': table expected, got string)")]
    [InlineData("errors.wrap(errors.new('m'))", "script:1: bad argument #2 to 'wrap' (string expected, got nil)")]
    public async Task ErrorsNewAndWrapRaiseOnBadArguments(string lua, string error)
    {
        await using var script = await WippyScript.RunAsync(lua);

        Assert.StartsWith(error, Assert.Single(script.Errors), StringComparison.Ordinal);
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
