using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi;

/// <summary>
/// One loaded script's side of the dialect: its host and whether it is being unloaded. Once unloading
/// starts no net callback runs any more (the document: pending responses are dropped silently).
/// </summary>
internal sealed class HooziSession(LuaHost host)
{
    public LuaHost Host { get; } = host;

    /// <summary>Set on the host thread when the script is unloaded.</summary>
    public bool Unloading { get; set; }

    /// <summary>Runs <paramref name="callback"/> on the host thread unless the script is unloading by then.</summary>
    public void Post(Action callback) => Host.Post(() =>
    {
        if (!Unloading)
        {
            callback();
        }
    });
}
