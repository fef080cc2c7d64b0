namespace Moonwire.Lua;

/// <summary>How a <see cref="LuaHost"/> runs its script.</summary>
public sealed class LuaHostOptions
{
    /// <summary>Where script paths (<c>moonwire.path</c>, downloads) resolve; the working directory by default.</summary>
    public ScriptRoot Root { get; init; } = new(Environment.CurrentDirectory);

    /// <summary>Where the host's messages and the script's <c>print</c> go; standard error by default.</summary>
    public HostLog Log { get; init; } = HostLog.StandardError;

    /// <summary>
    /// Stop the host at the first error in a callback or coroutine. By default the error is reported
    /// with its traceback and the host carries on, as the platforms the dialects emulate do.
    /// </summary>
    public bool StopOnError { get; init; }

    /// <summary>The name the host thread shows in a debugger or dump.</summary>
    public string ThreadName { get; init; } = "moonwire-lua";
}
