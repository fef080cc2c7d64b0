using KeraLua;
using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary>
/// The functions a script gave <c>ws:on</c>, one per event (a second <c>on</c> replaces the first). Each
/// fires as its own task on the host thread, as LuatOS-Air runs them inside the websocket's task, so a
/// callback may call <c>sys.wait</c>.
/// </summary>
/// <remarks>
/// The functions stay in Lua, in two registry tables luatos.lua makes: <see cref="CallbackTable"/> maps the
/// ws object to its callbacks with weak keys (an ephemeron table), <see cref="ObjectTable"/> maps this
/// object's id to the ws with weak values. A callback that uses its own ws, the usual
/// <c>ws:on("open", function() ws:send("hello") end)</c>, therefore does not keep the ws alive: the script
/// drops the ws and both are collected. A registry reference per callback would root that cycle for ever.
/// </remarks>
internal sealed class EventCallbacks(LuaHost host)
{
    public const string CallbackTable = "luatos.callbacks";
    public const string ObjectTable = "luatos.objects";

    private static long s_lastId;
    private readonly long _id = Interlocked.Increment(ref s_lastId);

    /// <summary>Host thread only: <paramref name="self"/> is the ws userdata, <paramref name="callback"/> the function's index.</summary>
    public void Set(LuaState L, int self, WsEvent @event, int callback)
    {
        var top = L.Top;
        L.GetField(LuaState.RegistryIndex, ObjectTable);
        L.PushValue(self);
        L.RawSetInteger(-2, _id);
        L.GetField(LuaState.RegistryIndex, CallbackTable);
        L.PushValue(self);
        if (L.RawGet(-2) != LuaType.Table)
        {
            L.Pop(1);
            L.NewTable();
            L.PushValue(self);
            L.PushValue(-2);
            L.RawSet(-4);
        }

        L.PushValue(callback);
        L.RawSetInteger(-2, (long)@event);
        L.Pop(L.Top - top);
    }

    /// <summary>Host thread: drops every callback of this ws (<c>websocket.exit</c>), after the events already fired.</summary>
    public void Clear() => host.Post(() =>
    {
        var L = host.State;
        var top = L.Top;
        L.GetField(LuaState.RegistryIndex, CallbackTable);
        L.GetField(LuaState.RegistryIndex, ObjectTable);
        if (L.RawGetInteger(-1, _id) == LuaType.UserData)
        {
            L.PushNil();
            L.RawSet(top + 1);
            L.PushNil();
            L.RawSetInteger(top + 2, _id);
        }

        L.Pop(L.Top - top);
    });

    // The Async forms complete once the callback's task is queued, so a coroutine resumed after that
    // (the recv or connect that saw the event) runs after the callback has started, as on the platform.

    /// <summary>Any thread: queues the event's callback, if there is one, with no argument.</summary>
    public Task FireAsync(WsEvent @event) => host.InvokeAsync(() => Spawn(@event, static _ => 0));

    public Task FireAsync(WsEvent @event, byte[] data) => host.InvokeAsync(() => Spawn(@event, L =>
    {
        L.PushUtf8(data);
        return 1;
    }));

    /// <summary>Host thread: queues the event's callback with <paramref name="number"/>.</summary>
    public void Fire(WsEvent @event, long number) => host.Post(() => Spawn(@event, L =>
    {
        L.PushInteger(number);
        return 1;
    }));

    /// <summary>Any thread: queues a call of the function kept under <paramref name="reference"/> with <paramref name="data"/>.</summary>
    public Task CallAsync(int reference, byte[] data) => host.InvokeAsync(() =>
    {
        var L = host.State;
        var top = L.Top;
        L.PushReference(reference);
        Spawn(L, top, L =>
        {
            L.PushUtf8(data);
            return 1;
        });
    });

    // Looks the callback up now, so one dropped later (exit) still sees the events fired before.
    private void Spawn(WsEvent @event, Func<LuaState, int> pushArguments)
    {
        var L = host.State;
        var top = L.Top;
        L.GetField(LuaState.RegistryIndex, CallbackTable);
        L.GetField(LuaState.RegistryIndex, ObjectTable);
        L.RawGetInteger(-1, _id);
        if (L.RawGet(top + 1) == LuaType.Table && L.RawGetInteger(-1, (long)@event) == LuaType.Function)
        {
            Spawn(L, top, pushArguments);
        }

        L.Pop(L.Top - top);
    }

    // Spawns the function on top with its arguments; the stack returns to top.
    private void Spawn(LuaState L, int top, Func<LuaState, int> pushArguments)
    {
        host.Spawn(L, pushArguments(L));
        L.Pop(L.Top - top);
    }
}
