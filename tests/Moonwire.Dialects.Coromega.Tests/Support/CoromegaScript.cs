using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>
/// A Lua host with the coromega dialect registered. The script's <c>print</c> writes Info lines to
/// <see cref="Log"/> (tab-joined, as print joins), so a test reads what the script printed.
/// </summary>
internal sealed class CoromegaScript : IAsyncDisposable
{
    private const string PrintToLog = """
        print = function(...)
          local values = table.pack(...)
          for i = 1, values.n do values[i] = tostring(values[i]) end
          moonwire.log("info", table.concat(values, "\t", 1, values.n))
        end
        """;

    private CoromegaScript()
    {
        Host = new LuaHost(new LuaHostOptions { Log = Log, Root = new ScriptRoot(Path.Combine(Repository.Root, "examples", "coromega")) });
    }

    public RecordingLog Log { get; } = new();

    public LuaHost Host { get; }

    public IReadOnlyList<string> Printed => Log.At(HostLogLevel.Info);

    public IReadOnlyList<string> Errors => Log.At(HostLogLevel.Error);

    /// <summary>Starts <paramref name="source"/>; false when its main chunk failed.</summary>
    public static async Task<CoromegaScript> StartAsync(string source, params string[] args)
    {
        var script = new CoromegaScript();
        await script.Host.InvokeAsync(() =>
        {
            new CoromegaDialect().Register(script.Host);
            Assert.True(script.Host.RunChunk(Encoding.UTF8.GetBytes(PrintToLog), "=print-to-log"));
            script.Host.RunChunk(Encoding.UTF8.GetBytes(source), "=script", args);
        });
        return script;
    }

    /// <summary>An example file, with the document's port 1042 replaced by <paramref name="port"/>.</summary>
    public static Task<CoromegaScript> StartExampleAsync(string name, int port, params string[] args) =>
        StartAsync(File.ReadAllText(Repository.Example(name)).Replace(":1042", $":{port}", StringComparison.Ordinal)
            .Replace(", 1042)", $", {port})", StringComparison.Ordinal), args);

    public Task<IReadOnlyList<string>> PrintedAsync(int count, double seconds = 10) =>
        Log.WaitForAsync(HostLogLevel.Info, count, TimeSpan.FromSeconds(seconds));

    /// <summary>Waits until the host stopped by itself (nothing left to do).</summary>
    public async Task EndedAsync(double seconds = 10)
    {
        Host.StopWhenIdle();
        await Host.Completion.WaitAsync(TimeSpan.FromSeconds(seconds));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await Host.StopAsync();
}
