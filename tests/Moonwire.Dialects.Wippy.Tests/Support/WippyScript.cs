using System.Text;
using Moonwire.Dialects.Wippy.Security;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Tests.Support;

/// <summary>
/// Runs a script the way <c>moonwire run</c> does for Wippy (the main chunk as a coroutine), with
/// <c>print</c> going to a recording log. Every wait is bounded.
/// </summary>
internal sealed class WippyScript : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // print's values joined by tabs, as Lua's print does, so output lines read the same.
    private const string RecordingPrint = """
        local pack, concat, tostring = table.pack, table.concat, tostring
        function print(...)
          local parts = pack(...)
          for i = 1, parts.n do parts[i] = tostring(parts[i]) end
          moonwire.log("info", concat(parts, "\t", 1, parts.n))
        end
        """;

    private WippyScript(LuaHost host, RecordingLog log)
    {
        Host = host;
        Log = log;
    }

    public LuaHost Host { get; }

    public RecordingLog Log { get; }

    public IReadOnlyList<string> Output => Log.At(HostLogLevel.Info);

    public IReadOnlyList<string> Errors => Log.At(HostLogLevel.Error);

    /// <summary>Starts <paramref name="lua"/> with <paramref name="args"/> as <c>...</c>.</summary>
    public static async Task<WippyScript> StartAsync(string lua, SecurityPolicy? policy = null, params string[] args)
    {
        var log = new RecordingLog();
        var host = new LuaHost(new LuaHostOptions { Log = log });
        await host.InvokeAsync(() =>
        {
            new WippyDialect(policy).Register(host);
            host.RunChunk(Encoding.UTF8.GetBytes(RecordingPrint), "=print");
            host.SpawnChunk(Encoding.UTF8.GetBytes(lua), "=script", args);
        }).WaitAsync(Patience);
        return new WippyScript(host, log);
    }

    /// <summary>Runs the script until the host has nothing left to do; returns its output.</summary>
    public static async Task<WippyScript> RunAsync(string lua, SecurityPolicy? policy = null, params string[] args)
    {
        var script = await StartAsync(lua, policy, args);
        script.Host.StopWhenIdle();
        await script.Host.Completion.WaitAsync(Patience);
        return script;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync().AsTask().WaitAsync(Patience);
}
