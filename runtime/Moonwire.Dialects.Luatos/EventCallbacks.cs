using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos;

/// <summary>
/// The functions a script gave <c>ws:on</c>, one per event (a second <c>on</c> replaces the first). Each
/// fires as its own task on the host thread, as LuatOS-Air runs them inside the websocket's task, so a
/// callback may call <c>sys.wait</c>.
/// </summary>
internal sealed class EventCallbacks(LuaHost host)
{
    private readonly Dictionary<WsEvent, int> _references = [];

    /// <summary>Host thread only.</summary>
    public void Set(LuaState L, WsEvent @event, int index)
    {
        if (_references.Remove(@event, out var previous))
        {
            L.ReleaseReference(previous);
        }

        _references[@event] = L.Reference(index);
    }

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
    public Task CallAsync(int reference, byte[] data) => host.InvokeAsync(() => Spawn(reference, L =>
    {
        L.PushUtf8(data);
        return 1;
    }));

    private void Spawn(WsEvent @event, Func<LuaState, int> pushArguments)
    {
        if (_references.TryGetValue(@event, out var reference))
        {
            Spawn(reference, pushArguments);
        }
    }

    private void Spawn(int reference, Func<LuaState, int> pushArguments)
    {
        var L = host.State;
        L.PushReference(reference);
        host.Spawn(L, pushArguments(L));
        L.Pop(1);
    }
}
