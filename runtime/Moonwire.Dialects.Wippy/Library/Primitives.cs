using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KeraLua;
using Moonwire.Dialects.Wippy.Websocket;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Library;

/// <summary>
/// The raw C# functions under the dialect's Lua library (raw.wippy_*), status first like generated
/// bindings. Only the library's own Lua calls them, with arguments it has already checked.
/// </summary>
internal sealed unsafe class Primitives(LuaHost host)
{
    // A gate parks a coroutine until something opens it: how channel operations wait.
    private readonly LuaHost _host = host;
    private readonly Dictionary<long, TaskCompletionSource<bool>> _gates = [];
    private long _lastGate;

    public void Bind()
    {
        _host.Bind("wippy_gate", &NewGate, this);
        _host.Bind("wippy_wait", &Wait, this);
        _host.Bind("wippy_open", &Open, this);
        _host.Bind("wippy_receive", &Receive, this);
        _host.Bind("wippy_demand", &Demand, this);
        _host.Bind("wippy_stream", &Stream, this);
        _host.Bind("wippy_error", &ErrorFields, this);
        _host.Bind("wippy_new_error", &NewError, this);
        _host.Bind("wippy_release", &Release, this);
        _host.Bind("wippy_duration", &Duration, this);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int NewGate(nint l)
    {
        var L = new LuaState(l);
        var self = L.ToTarget<Primitives>(L.UpvalueIndex(1))!;
        var id = ++self._lastGate;
        self._gates.Add(id, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        L.PushInteger(BoundStatus.Ok);
        L.PushInteger(id);
        return 2;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Wait(nint l)
    {
        var L = new LuaState(l);
        var self = L.ToTarget<Primitives>(L.UpvalueIndex(1))!;
        // A gate opened before its wait is gone from the table: nothing to wait for.
        var task = self._gates.TryGetValue(L.ToInteger(1), out var gate) ? gate.Task : Task.FromResult(true);
        return Guard(L, () => self._host.Suspend(L, new ValueTask<bool>(task), &PushNothing));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Open(nint l)
    {
        var L = new LuaState(l);
        var self = L.ToTarget<Primitives>(L.UpvalueIndex(1))!;
        if (self._gates.Remove(L.ToInteger(1), out var gate))
        {
            gate.TrySetResult(true);
        }

        L.PushInteger(BoundStatus.Ok);
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Receive(nint l)
    {
        var L = new LuaState(l);
        var self = L.ToTarget<Primitives>(L.UpvalueIndex(1))!;
        var client = L.ToTarget<WippyClient>(1)!;
        return Guard(L, () => self._host.Suspend(L, client.ReceiveAsync(), &PushMessage));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Demand(nint l)
    {
        var L = new LuaState(l);
        L.ToTarget<WippyClient>(1)!.Demand();
        L.PushInteger(BoundStatus.Ok);
        return 1;
    }

    // The client behind a channel userdata: its id (one Lua channel per client) and buffer size.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Stream(nint l)
    {
        var L = new LuaState(l);
        var client = L.ToTarget<WippyClient>(1)!;
        L.PushInteger(BoundStatus.Ok);
        L.PushInteger(client.Id);
        L.PushInteger(client.ChannelCapacity);
        return 3;
    }

    // kind, message, retryable of an error userdata; nothing for any other value.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ErrorFields(nint l)
    {
        var L = new LuaState(l);
        L.PushInteger(BoundStatus.Ok);
        if (L.ToTarget<WippyError>(1) is not { } error)
        {
            return 1;
        }

        L.PushString(error.Kind);
        L.PushString(error.Message);
        if (error.Retryable is { } retryable)
        {
            L.PushBoolean(retryable);
        }
        else
        {
            L.PushNil();
        }

        return 4;
    }

    // errors.new: kind and message are strings, retryable a boolean or nil (errors.lua has checked).
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int NewError(nint l)
    {
        var L = new LuaState(l);
        var retryable = L.TypeAt(3) == LuaType.Boolean ? L.ToBoolean(3) : (bool?)null;
        var error = new WippyError(L.ToUtf8String(1), L.ToUtf8String(2), retryable);
        return Guard(L, () =>
        {
            L.PushInteger(BoundStatus.Ok);
            error.Push(L);
            return 2;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Release(nint l)
    {
        var L = new LuaState(l);
        L.ReleaseUserdata(1);
        L.PushInteger(BoundStatus.Ok);
        return 1;
    }

    // A Go duration string in seconds, or nothing when it is not one.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Duration(nint l)
    {
        var L = new LuaState(l);
        L.PushInteger(BoundStatus.Ok);
        if (!GoDuration.TryParse(L.ToUtf8String(1), out var duration))
        {
            return 1;
        }

        L.PushNumber(duration.TotalSeconds);
        return 2;
    }

    private static int PushNothing(LuaState L, bool opened) => 0;

    private static int PushMessage(LuaState L, (string Type, byte[] Data)? message)
    {
        if (message is not { } received)
        {
            return 0;
        }

        L.PushString(received.Type);
        L.PushUtf8(received.Data);
        return 2;
    }

    private static int Guard(LuaState L, Func<int> body)
    {
        var top = L.Top;
        try
        {
            return body();
        }
        catch (Exception e)
        {
            L.Pop(L.Top - top);
            L.PushInteger(BoundStatus.Error);
            L.PushString("internal error: " + e.Message);
            return 2;
        }
    }
}
