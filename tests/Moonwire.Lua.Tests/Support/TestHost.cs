using System.Text;

namespace Moonwire.Lua.Tests;

/// <summary>A host with the test bindings installed and a recording log; every wait in it is bounded.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TestHost(LuaHost host, TestBindings bindings, RecordingLog log)
    {
        Host = host;
        Bindings = bindings;
        Log = log;
    }

    public LuaHost Host { get; }

    public TestBindings Bindings { get; }

    public RecordingLog Log { get; }

    /// <summary>What the script logged with <c>moonwire.log("info", ...)</c>, in order.</summary>
    public IReadOnlyList<string> Output => Log.At(HostLogLevel.Info);

    public IReadOnlyList<string> Errors => Log.At(HostLogLevel.Error);

    public static async Task<TestHost> StartAsync(bool stopOnError = false, ScriptRoot? root = null)
    {
        var log = new RecordingLog();
        var host = new LuaHost(new LuaHostOptions { Log = log, StopOnError = stopOnError, Root = root ?? new ScriptRoot(Path.GetTempPath()) });
        var bindings = new TestBindings(host);
        await host.InvokeAsync(bindings.Install).WaitAsync(Patience);
        return new TestHost(host, bindings, log);
    }

    /// <summary>Runs a chunk named "test" on the main state; false if it raised.</summary>
    public Task<bool> RunAsync(string lua) =>
        Host.InvokeAsync(() => Host.RunChunk(Encoding.UTF8.GetBytes(lua), "=test")).WaitAsync(Patience);

    /// <summary>Runs a chunk, then lets the host run until nothing is left to do and stop.</summary>
    public async Task<bool> RunToEndAsync(string lua)
    {
        var ok = await RunAsync(lua);
        Host.StopWhenIdle();
        await Host.Completion.WaitAsync(Patience);
        return ok;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync().AsTask().WaitAsync(Patience);
}
