using System.Text;
using Moonwire.Dialects.Wippy.Library;
using Moonwire.Engine.Net;
using Moonwire.Engine.Protocol;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Websocket;

/// <summary>
/// One connection as Lua's <c>Client</c>. The host owns the connection until it ends, so stopping the
/// process closes it. A message is read only when the script's channel asks for one (<see cref="Demand"/>):
/// nothing is lost before <c>client:channel()</c>, a slow reader slows the peer instead of dropping data,
/// and the engine never answers a peer's Close before the script has replied to the messages before it.
/// </summary>
internal sealed class WippyClient : IClient
{
    /// <summary>The registry name of the channel userdata stream.lua turns into a channel.</summary>
    public const string StreamMetatable = "wippy.Stream";

    private readonly LuaHost _host;
    private readonly WebSocketConnection _connection;
    private readonly ClientSettings _settings;
    private readonly IDisposable _ownership;
    private readonly Lock _demandLock = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _demand = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closeCalled;

    public WippyClient(LuaHost host, WebSocketConnection connection, ClientSettings settings, long id)
    {
        _host = host;
        _connection = connection;
        _settings = settings;
        Id = id;
        _ownership = host.Own(connection);
    }

    public long Id { get; }

    public int ChannelCapacity => _settings.ChannelCapacity;

    public unsafe int Send(LuaState L, ReadOnlySpan<byte> data, long type)
    {
        if (_closeCalled)
        {
            return NotFound(L);
        }

        // As in Wippy, any type but BINARY (2) sends text.
        return _host.Suspend(L, SendAsync(data.ToArray(), isText: type != 2), &PushResult);
    }

    public unsafe int Ping(LuaState L) =>
        _closeCalled ? NotFound(L) : _host.Suspend(L, WriteAsync("ping", token => _connection.PingAsync(default, token)), &PushResult);

    public int Channel(LuaState L)
    {
        L.PushInteger(BoundStatus.Ok);
        L.PushUserdata(this, StreamMetatable);
        return 2;
    }

    public unsafe int Close(LuaState L, long code, ReadOnlySpan<byte> reason)
    {
        if (_closeCalled)
        {
            return NotFound(L);
        }

        if (!CloseCode.IsValidOnWire((int)code))
        {
            return Failed(L, WippyError.Fatal(WippyError.Invalid, $"close code {code} may not be sent (1004-1006 and 1015 are reserved)"));
        }

        if (reason.Length > 123)
        {
            return Failed(L, WippyError.Fatal(WippyError.Invalid, $"close reason is {reason.Length} bytes; at most 123 fit in a close frame"));
        }

        _closeCalled = true;
        _ended.TrySetResult();
        return _host.Suspend(L, CloseAsync((ushort)code, Encoding.UTF8.GetString(reason)), &PushResult);
    }

    /// <summary>A receiver found the script's channel empty: the reader may take the next message.</summary>
    public void Demand()
    {
        lock (_demandLock)
        {
            _demand.TrySetResult();
        }
    }

    /// <summary>Once asked for, the next text or binary message; null once the connection has ended or close() was called.</summary>
    public async ValueTask<(string Type, byte[] Data)?> ReceiveAsync()
    {
        Task demanded;
        lock (_demandLock)
        {
            demanded = _demand.Task;
        }

        await Task.WhenAny(demanded, _ended.Task).ConfigureAwait(false);
        if (_ended.Task.IsCompleted)
        {
            return null;
        }

        var message = await ReadAsync().ConfigureAwait(false);
        lock (_demandLock)
        {
            // This message answers every demand made while it was being read.
            _demand = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return message;
    }

    private async ValueTask<(string Type, byte[] Data)?> ReadAsync()
    {
        while (true)
        {
            WebSocketMessage message;
            using (var idle = new CancellationTokenSource())
            {
                if (_settings.ReadTimeout is { } timeout)
                {
                    idle.CancelAfter(timeout);
                }

                try
                {
                    message = await _connection.ReceiveAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Wippy's read timeout is an idle limit that ends the connection.
                    _connection.Abort();
                    await EndAsync().ConfigureAwait(false);
                    return null;
                }
            }

            switch (message.Kind)
            {
                case MessageKind.Text:
                    return ("text", message.Payload.ToArray());
                case MessageKind.Binary:
                    return ("binary", message.Payload.ToArray());
                case MessageKind.Close:
                    await EndAsync().ConfigureAwait(false);
                    return null;
            }
        }
    }

    private ValueTask<WippyError?> SendAsync(byte[] payload, bool isText) =>
        WriteAsync("send", async token =>
        {
            await _connection.SendAsync(payload, isText, token).ConfigureAwait(false);
            await _connection.FlushAsync(token).ConfigureAwait(false);
        });

    private async ValueTask<WippyError?> WriteAsync(string what, Func<CancellationToken, ValueTask> write)
    {
        using var deadline = new CancellationTokenSource();
        if (_settings.WriteTimeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        try
        {
            await write(deadline.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            _connection.Abort();
            return WippyError.Fatal(WippyError.Timeout, $"{what} timed out");
        }
        catch (Exception e) when (e is WebSocketException or IOException or InvalidOperationException or ArgumentException)
        {
            return WippyError.Fatal(WippyError.Internal, $"{what} failed: {e.Message}");
        }
    }

    private async ValueTask<WippyError?> CloseAsync(ushort code, string reason)
    {
        await _connection.CloseAsync(code, reason).ConfigureAwait(false);
        await EndAsync().ConfigureAwait(false);
        return null;
    }

    private async ValueTask EndAsync()
    {
        _ended.TrySetResult();
        _ownership.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private static int PushResult(LuaState L, WippyError? error)
    {
        if (error is null)
        {
            L.PushBoolean(true);
            return 1;
        }

        L.PushBoolean(false);
        error.Push(L);
        return 2;
    }

    private static int NotFound(LuaState L) => Failed(L, WippyError.Fatal(WippyError.Internal, "websocket connection not found"));

    private static int Failed(LuaState L, WippyError error)
    {
        L.PushInteger(BoundStatus.Ok);
        return 1 + PushResult(L, error);
    }
}
