namespace Moonwire.Lua;

// Coroutines the host runs ("tasks") and the waits that suspend them until an operation completes.
public sealed unsafe partial class LuaHost
{
    // Wait id → the task that yielded on it, or null until the yield is seen (or if it never comes:
    // the call was not in a coroutine and `finish` raised instead).
    private readonly Dictionary<long, HostTask?> _waits = [];
    private long _lastWait;

    /// <summary>
    /// Pops a function and its <paramref name="argumentCount"/> arguments from <paramref name="L"/>,
    /// pushes the new coroutine in their place, and starts it on a later turn. Host thread only.
    /// </summary>
    public void Spawn(LuaState L, int argumentCount) => Spawn(L, argumentCount, endsScript: false);

    // endsScript: the coroutine is a script's main chunk run as a process, whose end stops the host.
    private void Spawn(LuaState L, int argumentCount, bool endsScript)
    {
        EnsureHostThread();
        var thread = LuaNative.NewThread(L.Handle);
        L.PushValue(-1);
        var task = new HostTask(thread, LuaNative.Ref(L.Handle, LuaNative.RegistryIndex), endsScript);
        LuaNative.Rotate(L.Handle, -(argumentCount + 2), 1);
        LuaNative.XMove(L.Handle, thread, argumentCount + 1);
        Post(() => Resume(task, argumentCount));
    }

    /// <summary>
    /// Suspends the calling coroutine on <paramref name="operation"/>: pushes <c>Pending, id</c> and
    /// returns 2, the count the bound function returns. When the operation completes, the coroutine is
    /// resumed on the host thread with <c>Ok</c> and what <paramref name="push"/> pushes (at most 19 values), or with
    /// <c>Error, message</c>. An operation already complete pushes <c>Ok, results</c> at once instead.
    /// </summary>
    public int Suspend<T>(LuaState L, ValueTask<T> operation, delegate*<LuaState, T, int> push)
    {
        if (operation.IsCompletedSuccessfully)
        {
            L.PushInteger(BoundStatus.Ok);
            return 1 + push(L, operation.Result);
        }

        var id = BeginWait();
        new SuspendedOperation<T>(this, id, operation, push).Start();
        return PushPending(L, id);
    }

    /// <summary>Registers a wait that <see cref="Resolve"/> ends. Host thread only.</summary>
    internal long BeginWait()
    {
        EnsureHostThread();
        var id = ++_lastWait;
        _waits.Add(id, null);
        return id;
    }

    internal static int PushPending(LuaState L, long id)
    {
        L.PushInteger(BoundStatus.Pending);
        L.PushInteger(id);
        return 2;
    }

    /// <summary>Resumes the task waiting on <paramref name="id"/> with what <paramref name="outcome"/> pushes. Host thread only.</summary>
    internal void Resolve(long id, IWaitOutcome outcome)
    {
        if (!_waits.Remove(id, out var task) || task is not { } waiting)
        {
            return;
        }

        var L = new LuaState(waiting.Thread);
        LuaNative.CheckStack(waiting.Thread, LuaNative.MinStack);
        Resume(waiting, outcome.PushTo(L));
    }

    private void Resume(HostTask task, int argumentCount)
    {
        int results;
        var status = LuaNative.Resume(task.Thread, _main, argumentCount, &results);
        var L = new LuaState(task.Thread);
        if (status == LuaNative.Yield)
        {
            if (results == 2 && IsPending(L, -2))
            {
                _waits[L.ToInteger(-1)] = task;
            }
            else
            {
                // A plain coroutine.yield() gives the other work a turn.
                Post(() => Resume(task, 0));
            }

            L.Pop(results);
            return;
        }

        if (status != LuaNative.Ok)
        {
            var error = ErrorText(task.Thread);
            fixed (byte* message = LuaState.NullTerminated(error))
            {
                LuaNative.Traceback(_main, task.Thread, message, 0);
            }

            ReportError(ErrorText(_main));
            LuaNative.SetTop(_main, -2);
            LuaNative.CloseThread(task.Thread, _main);
        }

        LuaNative.Unref(_main, LuaNative.RegistryIndex, task.Reference);
        if (task.EndsScript)
        {
            RequestStop();
        }
    }

    private bool IsPending(LuaState L, int index)
    {
        L.RawGetInteger(LuaNative.RegistryIndex, _pendingRef);
        var pending = L.RawEqual(index - 1, -1);
        L.Pop(1);
        return pending;
    }

    /// <summary>A coroutine the host resumes; the registry reference keeps it alive while it runs or waits.</summary>
    private readonly record struct HostTask(nint Thread, int Reference, bool EndsScript);
}
