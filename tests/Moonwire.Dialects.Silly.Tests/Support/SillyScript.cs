using System.Net;
using System.Net.Sockets;
using System.Text;
using Moonwire.Engine.Net;
using Moonwire.Lua;

namespace Moonwire.Dialects.Silly.Tests;

/// <summary>
/// A host with the silly dialect running one script; <c>print</c> goes to the log, so a test reads
/// what the script printed from <see cref="Output"/>. Every wait is bounded.
/// </summary>
internal sealed class SillyScript : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string s_examples = Path.Combine(RepositoryRoot(), "examples", "silly");

    // print's own layout (tab-separated tostring values), one log entry per call.
    private static readonly byte[] PrintToLog = """
        print = function(...)
          local t = table.pack(...)
          for i = 1, t.n do t[i] = tostring(t[i]) end
          moonwire.log("info", table.concat(t, "\t", 1, t.n))
        end
        """u8.ToArray();

    private readonly RecordingLog _log = new();

    private SillyScript(string root, ClientTlsOptions? tls)
    {
        Host = new LuaHost(new LuaHostOptions { Log = _log, Root = new ScriptRoot(root) });
        Dialect = new SillyDialect(tls);
    }

    public LuaHost Host { get; }

    public SillyDialect Dialect { get; }

    /// <summary>What the script printed, one entry per print call (values joined by tabs).</summary>
    public IReadOnlyList<string> Output => _log.At(HostLogLevel.Info);

    public IReadOnlyList<string> Errors => _log.At(HostLogLevel.Error);

    /// <summary>Starts <paramref name="lua"/> with <paramref name="args"/> as <c>...</c>.</summary>
    public static async Task<SillyScript> StartAsync(string lua, string[]? args = null, string? root = null, ClientTlsOptions? tls = null)
    {
        var script = new SillyScript(root ?? Path.GetTempPath(), tls);
        var ok = await script.Host.InvokeAsync(() =>
        {
            script.Dialect.Register(script.Host);
            script.Host.RunChunk(PrintToLog, "=print");
            return script.Host.RunChunk(Encoding.UTF8.GetBytes(lua), "=script", args ?? []);
        }).WaitAsync(Patience);
        Assert.True(ok, string.Join("\n", script.Errors));
        return script;
    }

    /// <summary>Starts examples/silly/<paramref name="name"/>.</summary>
    public static Task<SillyScript> StartExampleAsync(string name, string[]? args = null, string? root = null, ClientTlsOptions? tls = null) =>
        StartAsync(File.ReadAllText(ExamplePath(name)), args, root, tls);

    public static string ExamplePath(string name) => Path.Combine(s_examples, name);

    /// <summary>Waits until the script has nothing left to do and the host stops.</summary>
    public async Task RunToEndAsync()
    {
        Host.StopWhenIdle();
        await Host.Completion.WaitAsync(Patience);
    }

    /// <summary>Waits until the script has printed <paramref name="count"/> lines.</summary>
    public async Task<IReadOnlyList<string>> OutputAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (Output.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }

        return Output;
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync().AsTask().WaitAsync(Patience);

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bindings.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Bindings.sln) was not found");
    }
}
