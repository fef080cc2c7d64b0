using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KeraLua;

namespace Moonwire.Lua;

/// <summary>
/// The raw C# side of the <c>moonwire</c> table (the Lua side is in Prelude.lua): status-first
/// functions written the way generated bindings are, so they never raise or yield themselves.
/// </summary>
internal sealed unsafe class MoonwireLibrary(LuaHost host)
{
    private readonly LuaHost _host = host;
    private readonly Dictionary<long, (HostTimer Timer, int Callback)> _timers = [];
    private long _lastTimer;

    // Coroutines in moonwire.park: the wait that resumes each and the timer that ends it unless a wake comes first.
    private readonly Dictionary<nint, (long Wait, HostTimer? Timer)> _parked = [];

    public void Register()
    {
        _host.Bind("sleep", &Sleep, this);
        _host.Bind("after", &After, this);
        _host.Bind("cancel", &Cancel, this);
        _host.Bind("spawn", &Spawn, this);
        _host.Bind("park", &Park, this);
        _host.Bind("wake", &Wake, this);
        _host.Bind("log", &Log, this);
        _host.Bind("path", &Path, this);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sleep(nint l)
    {
        var L = new LuaState(l);
        if (L.TypeAt(1) != LuaType.Number)
        {
            return BadArgument(L, 1, "sleep", "number");
        }

        return Guard(L, static (L, self) =>
        {
            var id = self._host.BeginWait();
            self._host.After(Delay(L.ToNumber(1)), () => self._host.Resolve(id, Resumed.Instance));
            return LuaHost.PushPending(L, id);
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int After(nint l)
    {
        var L = new LuaState(l);
        if (L.TypeAt(1) != LuaType.Number)
        {
            return BadArgument(L, 1, "after", "number");
        }

        if (L.TypeAt(2) != LuaType.Function)
        {
            return BadArgument(L, 2, "after", "function");
        }

        return Guard(L, static (L, self) =>
        {
            L.PushValue(2);
            var callback = LuaNative.Ref(L.Handle, LuaNative.RegistryIndex);
            var id = ++self._lastTimer;
            var timer = self._host.After(Delay(L.ToNumber(1)), () => self.Fire(id));
            self._timers.Add(id, (timer, callback));
            L.PushInteger(BoundStatus.Ok);
            L.PushInteger(id);
            return 2;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Cancel(nint l)
    {
        var L = new LuaState(l);
        var self = L.ToTarget<MoonwireLibrary>(L.UpvalueIndex(1))!;
        if (self._timers.Remove(L.ToInteger(1), out var entry))
        {
            entry.Timer.Cancel();
            LuaNative.Unref(l, LuaNative.RegistryIndex, entry.Callback);
        }

        L.PushInteger(BoundStatus.Ok);
        return 1;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Spawn(nint l)
    {
        var L = new LuaState(l);
        if (L.TypeAt(1) != LuaType.Function)
        {
            return BadArgument(L, 1, "spawn", "function");
        }

        return Guard(L, static (L, self) =>
        {
            self._host.Spawn(L, L.Top - 1);
            L.PushInteger(BoundStatus.Ok);
            L.PushValue(-2);
            return 2;
        });
    }

    // The Lua side has checked that the caller is a coroutine and the argument a number or nil.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Park(nint l) => Guard(new LuaState(l), static (L, self) =>
    {
        var id = self._host.BeginWait();
        var coroutine = L.Handle;
        var timer = L.TypeAt(1) == LuaType.Number
            ? self._host.After(Delay(L.ToNumber(1)), () =>
            {
                self._parked.Remove(coroutine);
                self._host.Resolve(id, Unparked.TimedOut);
            })
            : null;
        self._parked.Add(coroutine, (id, timer));
        return LuaHost.PushPending(L, id);
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Wake(nint l)
    {
        var L = new LuaState(l);
        if (L.TypeAt(1) != LuaType.Thread)
        {
            return BadArgument(L, 1, "wake", "coroutine");
        }

        return Guard(L, static (L, self) =>
        {
            var parked = self._parked.Remove(LuaNative.ToThread(L.Handle, 1), out var entry);
            if (parked)
            {
                entry.Timer?.Cancel();
                // On a later turn, like every resumption: the waker goes on first.
                self._host.Post(() => self._host.Resolve(entry.Wait, Unparked.Woken));
            }

            L.PushInteger(BoundStatus.Ok);
            L.PushBoolean(parked);
            return 2;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Log(nint l)
    {
        var L = new LuaState(l);
        HostLogLevel level;
        switch (L.ToUtf8Bytes(1))
        {
            case var name when name.SequenceEqual("debug"u8): level = HostLogLevel.Debug; break;
            case var name when name.SequenceEqual("info"u8): level = HostLogLevel.Info; break;
            case var name when name.SequenceEqual("warn"u8): level = HostLogLevel.Warn; break;
            case var name when name.SequenceEqual("error"u8): level = HostLogLevel.Error; break;
            default:
                L.PushInteger(BoundStatus.Error);
                L.PushString($"bad argument #1 to 'log' (invalid option '{L.ToUtf8String(1)}')");
                return 2;
        }

        return Guard(L, (L, self) =>
        {
            var log = self._host.Options.Log;
            if (log.IsEnabled(level))
            {
                log.Write(level, L.ToUtf8String(2));
            }

            L.PushInteger(BoundStatus.Ok);
            return 1;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Path(nint l)
    {
        var L = new LuaState(l);
        if (L.TypeAt(1) != LuaType.String)
        {
            return BadArgument(L, 1, "path", "string");
        }

        return Guard(L, static (L, self) =>
        {
            var resolved = self._host.Options.Root.Resolve(L.ToUtf8String(1));
            L.PushInteger(BoundStatus.Ok);
            L.PushString(resolved);
            return 2;
        });
    }

    private void Fire(long id)
    {
        if (!_timers.Remove(id, out var entry))
        {
            return;
        }

        var L = _host.State;
        L.RawGetInteger(LuaNative.RegistryIndex, entry.Callback);
        LuaNative.Unref(L.Handle, LuaNative.RegistryIndex, entry.Callback);
        if (_host.Call(0) is { } error)
        {
            _host.ReportError(error);
        }
    }

    // The catch every bound function needs: an exception must not unwind into Lua's C frames.
    private static int Guard(LuaState L, Func<LuaState, MoonwireLibrary, int> body)
    {
        try
        {
            return body(L, L.ToTarget<MoonwireLibrary>(L.UpvalueIndex(1))!);
        }
        catch (LuaException e)
        {
            L.PushInteger(BoundStatus.Error);
            L.PushString(e.Message);
            return 2;
        }
        catch (Exception e)
        {
            L.PushInteger(BoundStatus.Error);
            L.PushString($"internal error: {e.Message}");
            return 2;
        }
    }

    // A Lua number may be negative, NaN or huge; all of them make a valid timer.
    private static TimeSpan Delay(double seconds) =>
        double.IsNaN(seconds) ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimerQueue.MaxDelaySeconds));

    private static int BadArgument(LuaState L, int position, string function, string expected)
    {
        L.PushInteger(BoundStatus.Error);
        L.PushString($"bad argument #{position} to '{function}' ({expected} expected, got {L.TypeNameAt(position)})");
        return 2;
    }

    /// <summary>How a park ends: <c>Ok, true</c> when woken, <c>Ok, false</c> when its time ran out.</summary>
    private sealed class Unparked(bool woken) : IWaitOutcome
    {
        public static readonly Unparked Woken = new(true);
        public static readonly Unparked TimedOut = new(false);

        public int PushTo(LuaState L)
        {
            L.PushInteger(BoundStatus.Ok);
            L.PushBoolean(woken);
            return 2;
        }
    }

    /// <summary>A wait that ends with nothing but <c>Ok</c> (a finished sleep).</summary>
    private sealed class Resumed : IWaitOutcome
    {
        public static readonly Resumed Instance = new();

        public int PushTo(LuaState L)
        {
            L.PushInteger(BoundStatus.Ok);
            return 1;
        }
    }
}
