namespace Moonwire.Lua;

public sealed partial class LuaHost
{
    /// <summary>
    /// Runs a script written for <paramref name="dialect"/> until it has nothing left to do (no work,
    /// timers, waits or open sockets), then the host stops. True when the script ended without an error;
    /// its errors go to <see cref="LuaHostOptions.Log"/> with their tracebacks.
    /// </summary>
    /// <param name="dialect">The platform API the script is written for.</param>
    /// <param name="source">The script, UTF-8.</param>
    /// <param name="chunkName">The name tracebacks show: <c>@path</c> for a file, <c>=name</c> for anything else.</param>
    /// <param name="args">What the script sees as <c>...</c>.</param>
    public async Task<bool> RunScriptAsync(IDialect dialect, ReadOnlyMemory<byte> source, string chunkName, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var started = await InvokeAsync(() =>
        {
            dialect.Register(this);
            return dialect.RunsScriptAsCoroutine
                ? SpawnChunk(source.Span, chunkName, args)
                : RunChunk(source.Span, chunkName, args);
        }).ConfigureAwait(false);
        if (!started)
        {
            await StopAsync().ConfigureAwait(false);
            return false;
        }

        StopWhenIdle();
        await Completion.ConfigureAwait(false);
        return ErrorCount == 0;
    }
}
