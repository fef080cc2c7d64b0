namespace Moonwire.Lua;

/// <summary>
/// One Lua state and the one thread that runs it. Other threads only post work here; every Lua call,
/// callback, timer and coroutine resumption happens on the host thread, one turn at a time.
/// </summary>
public sealed partial class LuaHost : IAsyncDisposable
{
    // Guards the queue, the stop flag and the owned set: the only state other threads touch.
    private readonly object _gate = new();
    private readonly Queue<Action> _queue = new();
    private readonly HashSet<IAsyncDisposable> _owned = new(ReferenceEqualityComparer.Instance);
    private readonly TimerQueue _timers = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private bool _stopRequested;
    private bool _stopWhenIdle;
    private int _errorCount;

    /// <summary>Creates the Lua state and starts the host thread; <paramref name="options"/> null takes the defaults.</summary>
    public LuaHost(LuaHostOptions? options = null)
    {
        Options = options ?? new LuaHostOptions();
        _thread = new Thread(Run) { Name = Options.ThreadName, IsBackground = true };
        _thread.Start();
    }

    /// <summary>The settings the host was made with.</summary>
    public LuaHostOptions Options { get; }

    /// <summary>Errors reported so far (script errors with their tracebacks, failed host callbacks).</summary>
    public int ErrorCount => Volatile.Read(ref _errorCount);

    /// <summary>Completes once the host has stopped, its Lua state is closed and its owned resources are disposed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Whether the caller is on the host thread, the only one allowed to touch Lua.</summary>
    public bool IsHostThread => Thread.CurrentThread == _thread;

    /// <summary>Queues work for the host thread, in order; dropped silently once the host is stopping.</summary>
    public void Post(Action action)
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return;
            }

            _queue.Enqueue(action);
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the host thread and reports its outcome to the caller.</summary>
    public async Task InvokeAsync(Action action)
    {
        await InvokeAsync(() =>
        {
            action();
            return true;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc cref="InvokeAsync(Action)"/>
    public async Task<T> InvokeAsync<T>(Func<T> function)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                done.SetResult(function());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        // The call may be the host's last act (a script's main chunk that ends the process): its own
        // outcome was recorded before the host completed, so it counts whichever task the wait saw first.
        await Task.WhenAny(done.Task, Completion).ConfigureAwait(false);
        if (!done.Task.IsCompleted)
        {
            throw new InvalidOperationException("The Lua host stopped before it ran the call.");
        }

        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="callback"/> on the host thread after <paramref name="delay"/>. Timers made in
    /// the same turn with the same delay fire in the order they were made. Host thread only.
    /// </summary>
    public HostTimer After(TimeSpan delay, Action callback)
    {
        EnsureHostThread();
        return _timers.Add(delay, callback);
    }

    /// <summary>
    /// Makes <paramref name="resource"/> belong to the script: stopping the host disposes it, and while
    /// owned it keeps the host from counting as idle. Disposing the returned token gives it up again
    /// (when the resource closed by itself) without disposing it.
    /// </summary>
    public IDisposable Own(IAsyncDisposable resource)
    {
        lock (_gate)
        {
            if (!_stopRequested)
            {
                _owned.Add(resource);
                return new Ownership(this, resource);
            }
        }

        _ = resource.DisposeAsync().AsTask();
        return new Ownership(this, resource);
    }

    /// <summary>From now on the host stops by itself when it has nothing left: no work, timers, waits or owned resources.</summary>
    public void StopWhenIdle() => Post(() => _stopWhenIdle = true);

    /// <summary>Stops the host: queued work, timers and late completions are dropped, owned resources disposed.</summary>
    public Task StopAsync()
    {
        RequestStop();
        return Completion;
    }

    /// <summary>Stops the host as <see cref="StopAsync"/> does.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal void ReportError(string message)
    {
        Interlocked.Increment(ref _errorCount);
        Options.Log.Write(HostLogLevel.Error, message);
        if (Options.StopOnError)
        {
            RequestStop();
        }
    }

    internal void EnsureHostThread()
    {
        if (!IsHostThread)
        {
            throw new InvalidOperationException("Lua is only touched on the host thread; use LuaHost.Post or InvokeAsync.");
        }
    }

    private void RequestStop()
    {
        lock (_gate)
        {
            _stopRequested = true;
            _queue.Clear();
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        try
        {
            OpenState();
            Loop();
        }
        catch (Exception e)
        {
            ReportError($"the Lua host failed: {e}");
        }
        finally
        {
            RequestStop();
            _timers.Clear();
            CloseState();
            _ = DisposeOwnedAsync();
        }
    }

    // Each turn runs at most one due timer and one posted item, so neither can starve the other.
    private void Loop()
    {
        while (true)
        {
            _timers.StartTurn();
            var timer = _timers.TakeDue();
            Action? work;
            lock (_gate)
            {
                if (_stopRequested)
                {
                    return;
                }

                if (!_queue.TryDequeue(out work) && timer is null)
                {
                    if (_stopWhenIdle && _timers.Count == 0 && _waits.Count == 0 && _owned.Count == 0)
                    {
                        return;
                    }

                    Monitor.Wait(_gate, _timers.UntilNext());
                    continue;
                }
            }

            if (timer is not null)
            {
                Execute(timer.Callback);
            }

            if (work is not null)
            {
                Execute(work);
            }
        }
    }

    private void Execute(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            ReportError($"a host callback failed: {e}");
        }

        ResetStack();
    }

    private async Task DisposeOwnedAsync()
    {
        IAsyncDisposable[] owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        foreach (var resource in owned)
        {
            try
            {
                await resource.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _errorCount);
                Options.Log.Write(HostLogLevel.Error, $"closing {resource.GetType().Name} failed: {e.Message}");
            }
        }

        _completion.TrySetResult();
    }

    private sealed class Ownership(LuaHost host, IAsyncDisposable resource) : IDisposable
    {
        public void Dispose()
        {
            lock (host._gate)
            {
                host._owned.Remove(resource);
                Monitor.Pulse(host._gate);
            }
        }
    }
}
