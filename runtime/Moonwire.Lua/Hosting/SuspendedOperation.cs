using System.Runtime.CompilerServices;

namespace Moonwire.Lua;

/// <summary>
/// An operation a coroutine waits on. Its outcome is taken as soon as it completes (so a pooled
/// ValueTask source is released even if the host has stopped), then handed to the host thread.
/// </summary>
internal sealed unsafe class SuspendedOperation<T>(LuaHost host, long id, ValueTask<T> operation, delegate*<LuaState, T, int> push)
    : IWaitOutcome
{
    private readonly ConfiguredValueTaskAwaitable<T>.ConfiguredValueTaskAwaiter _awaiter = operation.ConfigureAwait(false).GetAwaiter();
    private T? _result;
    private Exception? _error;

    public void Start() => _awaiter.UnsafeOnCompleted(OnCompleted);

    public int PushTo(LuaState L)
    {
        if (_error is null)
        {
            var top = L.Top;
            try
            {
                L.PushInteger(BoundStatus.Ok);
                return 1 + push(L, _result!);
            }
            catch (Exception e)
            {
                LuaNative.SetTop(L.Handle, top);
                _error = e;
            }
        }

        L.PushInteger(BoundStatus.Error);
        L.PushString(_error is LuaException ? _error.Message : $"internal error: {_error.Message}");
        return 2;
    }

    private void OnCompleted()
    {
        try
        {
            _result = _awaiter.GetResult();
        }
        catch (Exception e)
        {
            _error = e;
        }

        host.Post(() => host.Resolve(id, this));
    }
}
