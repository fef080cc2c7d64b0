using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

// ws:start and websocket.exit: the library's own task loop, run here in C# over the same connect,
// receive and close as the script's calls.
internal sealed partial class LuatosWebSocket : IAsyncDisposable
{
    private static readonly byte[] Heartbeat = "heart"u8.ToArray();
    private CancellationTokenSource? _running;

    /// <summary>
    /// Connects, hands every message to "message" and then <paramref name="proc"/>, pings "heart" every
    /// <paramref name="keepAlive"/> seconds while connected, and after any disconnect (or failed connect)
    /// closes, fires "close", waits <paramref name="reconnTime"/> seconds (the real library multiplies by
    /// 1000; absent: 1 second) and starts again, until <c>websocket.exit</c> or the host stops.
    /// </summary>
    public unsafe int Start(LuaState L, double? keepAlive, int proc, double? reconnTime)
    {
        if (_running is not null)
        {
            throw new LuaException("this websocket is already started (websocket.exit ends its task)");
        }

        var procReference = proc == 0 ? 0 : L.Reference(proc);
        var running = new CancellationTokenSource();
        _running = running;
        var ownership = host.Own(this);
        return host.Suspend(L, RunAsync(Seconds(keepAlive), procReference, Seconds(reconnTime) ?? TimeSpan.FromSeconds(1), ownership, running), &PushNothing);
    }

    /// <summary>
    /// <c>websocket.exit</c>: closes the connection (Close, then "close"(1001)), the running <c>start</c>
    /// returns instead of reconnecting, and the object's callbacks are dropped once that "close" has fired.
    /// </summary>
    public void Exit()
    {
        if (_running is { } running)
        {
            _running = null;
            running.Cancel();
            CloseConnection(null, null);
        }

        _callbacks.Clear();
    }

    /// <summary>The host is stopping (it disposes the connection itself): the loop just ends.</summary>
    public ValueTask DisposeAsync()
    {
        _running?.Cancel();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<bool> RunAsync(TimeSpan? keepAlive, int proc, TimeSpan reconnect, IDisposable ownership, CancellationTokenSource running)
    {
        var exit = running.Token;
        try
        {
            while (true)
            {
                if (await ConnectAsync(null, exit).ConfigureAwait(false))
                {
                    await ServeAsync(keepAlive, proc).ConfigureAwait(false);
                }

                exit.ThrowIfCancellationRequested();
                await host.InvokeAsync(() => CloseConnection(null, null)).ConfigureAwait(false);
                await Task.Delay(reconnect, exit).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (exit.IsCancellationRequested)
        {
            return true;
        }
        finally
        {
            if (proc != 0)
            {
                host.Post(() => host.State.ReleaseReference(proc));
            }

            ownership.Dispose();
            running.Dispose();
        }
    }

    private async Task ServeAsync(TimeSpan? keepAlive, int proc)
    {
        using var connected = new CancellationTokenSource();
        var heartbeat = keepAlive is { } interval ? PingEveryAsync(interval, connected.Token) : Task.CompletedTask;
        try
        {
            while (await ReceiveAsync(CancellationToken.None).ConfigureAwait(false) is { Ok: true, Data: { } data })
            {
                if (proc != 0)
                {
                    await _callbacks.CallAsync(proc, data).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await connected.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }
    }

    private async Task PingEveryAsync(TimeSpan interval, CancellationToken connected)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(connected).ConfigureAwait(false) && Live() is { } connection)
            {
                await connection.PingAsync(Heartbeat, connected).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or Engine.Net.WebSocketException or InvalidOperationException)
        {
            // The connection ended; the receive loop reconnects.
        }
    }

    private static TimeSpan? Seconds(double? value) =>
        value is { } seconds && !double.IsNaN(seconds) ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0.001, 24 * 3600)) : null;

    private static int PushNothing(LuaState L, bool done) => 0;
}
