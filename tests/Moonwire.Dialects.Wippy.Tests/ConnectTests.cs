using System.Net;
using System.Net.Sockets;
using Moonwire.Dialects.Wippy.Security;
using Moonwire.Engine.Net;

namespace Moonwire.Dialects.Wippy.Tests;

/// <summary>websocket.connect: its arguments, every option, and each way it fails.</summary>
public sealed class ConnectTests
{
    private static async Task<IReadOnlyList<string>> OutputOf(string lua, SecurityPolicy? policy = null, params string[] args)
    {
        await using var script = await WippyScript.RunAsync("local websocket = require('websocket')\n" + lua, policy, args);
        Assert.Empty(script.Errors);
        return script.Output;
    }

    [Theory(Timeout = 30_000)]
    [InlineData("websocket.connect()", "bad argument #1 to 'connect' (string expected, got no value)")]
    [InlineData("websocket.connect({})", "bad argument #1 to 'connect' (string expected, got table)")]
    [InlineData("websocket.connect('')", "bad argument #1 to 'connect' (URL must not be empty)")]
    [InlineData("websocket.connect('ws://x', 5)", "bad argument #2 to 'connect' (table expected, got number)")]
    [InlineData("websocket.connect('ws://x', {dial_timeout = true})", "bad argument #2 to 'connect' (field 'dial_timeout': number or string expected, got boolean)")]
    [InlineData("websocket.connect('ws://x', {read_timeout = 'soon'})", "bad argument #2 to 'connect' (field 'read_timeout': invalid duration 'soon')")]
    [InlineData("websocket.connect('ws://x', {write_timeout = -5})", "bad argument #2 to 'connect' (field 'write_timeout': negative duration)")]
    [InlineData("websocket.connect('ws://x', {headers = 'x'})", "bad argument #2 to 'connect' (field 'headers': table expected, got string)")]
    [InlineData("websocket.connect('ws://x', {compression = 7})", "bad argument #2 to 'connect' (field 'compression': invalid option '7')")]
    [InlineData("websocket.connect('ws://x', {compression = 'fast'})", "bad argument #2 to 'connect' (field 'compression': number expected, got string)")]
    [InlineData("websocket.connect('ws://x', {compression_threshold = 104857601})", "bad argument #2 to 'connect' (field 'compression_threshold': value out of range)")]
    [InlineData("websocket.connect('ws://x', {read_limit = 134217729})", "bad argument #2 to 'connect' (field 'read_limit': value out of range)")]
    [InlineData("websocket.connect('ws://x', {read_limit = -1})", "bad argument #2 to 'connect' (field 'read_limit': value out of range)")]
    [InlineData("websocket.connect('ws://x', {channel_capacity = 0})", "bad argument #2 to 'connect' (field 'channel_capacity': value out of range)")]
    [InlineData("websocket.connect('ws://x', {channel_capacity = 10001})", "bad argument #2 to 'connect' (field 'channel_capacity': value out of range)")]
    [InlineData("websocket.connect('ws://x', {channel_capacity = 1.5})", "bad argument #2 to 'connect' (field 'channel_capacity': number has no integer representation)")]
    public async Task BadArgumentsRaiseLuasWording(string call, string message)
    {
        var output = await OutputOf($"print(select(2, pcall(function() local _ = {call} end)))");
        Assert.Equal(["script:2: " + message], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task AnUrlWithAnotherSchemeIsAnInvalidErrorValue()
    {
        var output = await OutputOf("local c, err = websocket.connect('http://127.0.0.1/') print(c, err:kind(), err:retryable(), err:message())");
        Assert.Equal(["nil\tInvalid\tfalse\tinvalid websocket URL 'http://127.0.0.1/': it must start with ws:// or wss://"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ARefusedConnectionIsARetryableInternalError()
    {
        var output = await OutputOf("local c, err = websocket.connect('ws://127.0.0.1:1/') print(c, errors.is(err, errors.INTERNAL), err:retryable(), tostring(err) == err:message())");
        Assert.Equal(["nil\ttrue\ttrue\ttrue"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task DialTimeoutBoundsAServerThatNeverAnswers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var output = await OutputOf($"""
            local c, err = websocket.connect('ws://127.0.0.1:{port}/', {"{"} dial_timeout = 200 {"}"})
            print(c, err:kind(), err:retryable())
            """);
        Assert.Equal(["nil\tInternal\ttrue"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task HeadersKeepOnlyStringPairsAndProtocolsAreOffered()
    {
        await using var server = LoopbackServer.Start(async connection =>
        {
            var headers = connection.Handshake.Headers;
            await connection.SendTextAsync($"{headers.Get("X-Token")}|{headers.Get("X-Number")}|{headers.Get("Sec-WebSocket-Protocol")}");
            await connection.ReceiveAsync();
        });
        var output = await OutputOf("""
            local url = ...
            local c = websocket.connect(url, { headers = { ["X-Token"] = "t1", ["X-Number"] = 5, [1] = "x" }, protocols = { "chat", "superchat" } })
            print(c:channel():receive().data)
            c:close()
            """, null, server.Url);
        Assert.Equal(["t1||chat, superchat"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadTimeoutEndsAnIdleConnection()
    {
        await using var server = LoopbackServer.Start(async connection => await connection.ReceiveAsync());
        var output = await OutputOf("""
            local c = websocket.connect(..., { read_timeout = "200ms" })
            print(c:channel():receive())
            """, null, server.Url);
        Assert.Equal(["nil\tfalse"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReadLimitClosesTheConnectionWith1009()
    {
        var closed = new TaskCompletionSource<ushort>();
        await using var server = LoopbackServer.Start(async connection =>
        {
            await connection.SendAsync(new byte[2000], isText: false);
            closed.SetResult((await connection.ReceiveAsync()).CloseCode);
        });
        var output = await OutputOf("""
            local c = websocket.connect(..., { read_limit = 1024 })
            print(c:channel():receive())
            """, null, server.Url);
        Assert.Equal(["nil\tfalse"], output);
        Assert.Equal(1009, await closed.Task.WaitAsync(WippyScript.Patience));
    }

    [Fact(Timeout = 30_000)]
    public async Task ASmallChannelLosesNothingWhileTheScriptIsBusy()
    {
        await using var server = LoopbackServer.Start(async connection =>
        {
            for (var i = 1; i <= 50; i++)
            {
                await connection.SendTextAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await connection.CloseAsync(1000, "");
        });
        var output = await OutputOf("""
            local c = websocket.connect(..., { channel_capacity = 1, write_timeout = 1000 })
            time.sleep("100ms")
            local ch, got = c:channel(), {}
            while true do
              local msg, ok = ch:receive()
              if not ok then break end
              got[#got + 1] = msg.data
            end
            print(#got, got[1], got[50])
            """, null, server.Url);
        Assert.Equal(["50\t1\t50"], output);
    }

    [Fact(Timeout = 30_000)]
    public async Task NoContextCompressionIsNegotiatedWithoutContextTakeover()
    {
        await using var server = LoopbackServer.Start(async connection =>
        {
            await connection.SendTextAsync(connection.Handshake.Extensions ?? "none");
            await connection.ReceiveAsync();
        }, new Engine.Compression.PerMessageDeflateOptions());
        var output = await OutputOf("""
            local c = websocket.connect(..., { compression = websocket.COMPRESSION.NO_CONTEXT, compression_threshold = 0 })
            print(c:channel():receive().data)
            c:close()
            """, null, server.Url);
        Assert.Contains("client_no_context_takeover", output[0], StringComparison.Ordinal);
        Assert.Contains("server_no_context_takeover", output[0], StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ConnectOutsideACoroutineRaises()
    {
        await using var script = await WippyScript.StartAsync("channel.new(1):receive() -- keeps the process alive");
        var ran = await script.Host.InvokeAsync(() => script.Host.RunChunk("require('websocket').connect('ws://127.0.0.1:1/')"u8, "=main"));
        Assert.False(ran);
        Assert.Contains(script.Errors, e => e.Contains("'connect' must be called inside a coroutine", StringComparison.Ordinal));
    }

    [Fact(Timeout = 30_000)]
    public async Task ConstantsAreTheDocumentsValues()
    {
        var output = await OutputOf("""
            local w = require("websocket")
            local c = w.CLOSE_CODES
            print(w.TEXT, w.BINARY, w.TYPE_TEXT, w.TYPE_BINARY, w.TYPE_PING, w.TYPE_PONG, w.TYPE_CLOSE)
            print(w.COMPRESSION.DISABLED, w.COMPRESSION.CONTEXT_TAKEOVER, w.COMPRESSION.NO_CONTEXT)
            print(c.NORMAL, c.GOING_AWAY, c.PROTOCOL_ERROR, c.UNSUPPORTED_DATA, c.NO_STATUS, c.ABNORMAL_CLOSURE,
                  c.INVALID_PAYLOAD, c.POLICY_VIOLATION, c.MESSAGE_TOO_BIG, c.INTERNAL_ERROR, c.SERVICE_RESTART, c.TRY_AGAIN_LATER)
            """);
        Assert.Equal([
            "1\t2\ttext\tbinary\tping\tpong\tclose",
            "0\t1\t2",
            "1000\t1001\t1002\t1003\t1005\t1006\t1007\t1008\t1009\t1011\t1012\t1013",
        ], output);
    }
}
