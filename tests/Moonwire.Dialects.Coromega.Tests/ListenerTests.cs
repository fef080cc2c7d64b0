using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>The listener's chaining and its when_dead handler, run when the server stops under a live script.</summary>
public sealed class ListenerTests
{
    private static Listener? s_captured;

    [Fact(Timeout = 20_000)]
    public async Task WhenDeadRunsWithTheReasonOnceTheServerStops()
    {
        var port = CoromegaScript.FreePort();
        await using var script = await CoromegaScript.StartAsync("");
        await script.Host.InvokeAsync(() =>
        {
            BindCapture(script.Host);
            script.Host.RunBindings("local finish, raw = ... capture = raw.capture"u8, "=capture");
            Assert.True(script.Host.RunChunk(Encoding.UTF8.GetBytes($$"""
                local listener = coromega:create_websocket_server("127.0.0.1", {{port}})
                print(listener:when_new_conn(function() end) == listener)
                print(listener:when_dead(function(reason) print("dead", reason) end) == listener)
                capture(listener)
                """), "=script"));
        });
        await using var client = await WebSocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{port}"));

        var closed = client.ReceiveAsync();
        await s_captured!.StopAsync();

        Assert.Equal(["true", "true", "dead\tthe server stopped listening"], await script.PrintedAsync(3));
        Assert.Equal(MessageKind.Close, (await closed).Kind);
    }

    // Hands the listener userdata to the test, which can then stop its server the way a failure would.
    private static unsafe void BindCapture(LuaHost host) => host.Bind("capture", &Capture);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Capture(nint state)
    {
        var L = new LuaState(state);
        s_captured = L.ToTarget<Listener>(1);
        L.PushInteger(BoundStatus.Ok);
        return 1;
    }
}
