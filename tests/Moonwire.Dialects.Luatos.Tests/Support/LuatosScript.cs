using System.Text;
using Moonwire.Lua;

namespace Moonwire.Dialects.Luatos.Tests;

/// <summary>A host with the luatos dialect and a recording log; every wait in it is bounded.</summary>
internal sealed class LuatosScript : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private LuatosScript(LuaHost host, RecordingLog log)
    {
        Host = host;
        Log = log;
    }

    public LuaHost Host { get; }

    public RecordingLog Log { get; }

    /// <summary>The script's <c>log.info</c> lines without the "[I]-[tag] " prefix.</summary>
    public IReadOnlyList<string> Output => [.. Log.At(HostLogLevel.Info).Select(line => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..])];

    public IReadOnlyList<string> Errors => Log.At(HostLogLevel.Error);

    public static async Task<LuatosScript> StartAsync(string? root = null)
    {
        var log = new RecordingLog();
        var host = new LuaHost(new LuaHostOptions { Log = log, Root = new ScriptRoot(root ?? Path.GetTempPath()) });
        await host.InvokeAsync(() => new LuatosDialect().Register(host)).WaitAsync(Patience);
        return new LuatosScript(host, log);
    }

    /// <summary>Runs a chunk on the main state; false if it raised.</summary>
    public Task<bool> RunAsync(string lua, params string[] args) =>
        Host.InvokeAsync(() => Host.RunChunk(Encoding.UTF8.GetBytes(lua), "=test", args)).WaitAsync(Patience);

    /// <summary>Runs a chunk, then lets the host run until nothing is left and stop.</summary>
    public async Task<bool> RunToEndAsync(string lua, params string[] args)
    {
        var ok = await RunAsync(lua, args);
        Host.StopWhenIdle();
        await Host.Completion.WaitAsync(Patience);
        return ok;
    }

    /// <summary>Runs one of examples/luatos/ to its end.</summary>
    public Task<bool> RunExampleAsync(string name, params string[] args) =>
        RunToEndAsync(File.ReadAllText(Path.Combine(Repository.Root, "examples", "luatos", name)), args);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync().AsTask().WaitAsync(Patience);
}
