namespace Moonwire.Lua;

/// <summary>What a dialect package gives the host: its name and the globals it installs.</summary>
public interface IDialect
{
    /// <summary>The name a script selects with <c>--dialect</c> or a first line <c>--!dialect NAME</c>.</summary>
    string Name { get; }

    /// <summary>Installs the dialect's bindings; runs on the host thread before the script.</summary>
    void Register(LuaHost host);

    /// <summary>
    /// True where the platform runs a script's main chunk as a process: a coroutine, so it may call
    /// functions that wait, whose return ends the script (<see cref="LuaHost.SpawnChunk"/>).
    /// </summary>
    bool RunsScriptAsCoroutine => false;
}
