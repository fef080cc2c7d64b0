using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Moonwire.Cli.Commands;
using Moonwire.Dialects.Silly;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Benchmarks;

/// <summary>
/// A Lua echo loop against the engine alone (issue 5): round trips of one small text message, each
/// sent and its echo read before the next, to the engine's echo server over loopback. The Lua side is a
/// silly script (<c>sock:write</c>, <c>sock:read</c>), so each round trip costs two coroutine suspensions
/// and two hops to the host thread on top of the engine's work.
/// </summary>
public class LuaEchoBenchmarks
{
    private const int RoundTrips = 256;
    private static readonly byte[] Message = "sixteen bytes!!!"u8.ToArray();

    private WebSocketServer _server = null!;
    private WebSocketConnection _engine = null!;
    private LuaHost _host = null!;
    private TaskCompletionSource _luaDone = new();
    private byte[] _loop = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = new WebSocketServer(new WebSocketServerOptions { Connection = EchoLoop.TesteeLimits });
        _server.Start();
        _ = AcceptAsync();
        _engine = await WebSocketClient.ConnectAsync(_server.Url);

        _host = new LuaHost();
        await _host.InvokeAsync(() =>
        {
            new SillyDialect().Register(_host);
            BindDone(_host, this);
            _host.RunBindings("local finish, raw = ... function bench_done() raw.done() end"u8, "=bench");
        });
        _loop = Encoding.UTF8.GetBytes($$"""
            local task = require "silly.task"
            task.fork(function()
              for _ = 1, {{RoundTrips}} do
                assert(sock:write("{{Encoding.UTF8.GetString(Message)}}", "text"))
                assert(sock:read())
              end
              bench_done()
            end)
            """);
        await RunLuaAsync(Encoding.UTF8.GetBytes($$"""
            local task = require "silly.task"
            local websocket = require "silly.net.websocket"
            task.fork(function()
              sock = assert(websocket.connect("{{_server.Url}}"))
              bench_done()
            end)
            """));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _host.DisposeAsync();
        await _engine.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public async Task Engine()
    {
        for (var i = 0; i < RoundTrips; i++)
        {
            await _engine.SendAsync(Message, isText: true);
            await _engine.ReceiveAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public Task LuaSilly() => RunLuaAsync(_loop);

    private async Task RunLuaAsync(byte[] chunk)
    {
        _luaDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _host.InvokeAsync(() => _host.RunChunk(chunk, "=bench.loop"));
        await _luaDone.Task;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            _ = EchoLoop.RunAsync(await _server.AcceptAsync());
        }
    }

    private static unsafe void BindDone(LuaHost host, LuaEchoBenchmarks self) => host.Bind("done", &Done, self);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Done(nint l)
    {
        var L = new LuaState(l);
        L.ToTarget<LuaEchoBenchmarks>(L.UpvalueIndex(1))!._luaDone.TrySetResult();
        L.PushInteger(BoundStatus.Ok);
        return 1;
    }
}
