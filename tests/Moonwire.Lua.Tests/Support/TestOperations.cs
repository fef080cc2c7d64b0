namespace Moonwire.Lua.Tests;

/// <summary>The operations the test bindings suspend on.</summary>
internal static class TestOperations
{
    /// <summary><paramref name="value"/> after a delay; 0 ms is already complete, a negative delay completes on the thread pool at once.</summary>
    public static async ValueTask<long> DelayThen(long milliseconds, long value)
    {
        if (milliseconds < 0)
        {
            await Task.Yield();
        }
        else if (milliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds)).ConfigureAwait(false);
        }

        return value;
    }

    public static async ValueTask<long> DelayThenFail(long milliseconds, string message)
    {
        await DelayThen(milliseconds == 0 ? -1 : milliseconds, 0).ConfigureAwait(false);
        throw new LuaException(message);
    }
}
