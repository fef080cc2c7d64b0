using System.Text;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>
/// A HOOZi script on its own host. <c>print</c> goes to the log at info level, so a test reads
/// everything the script printed from <see cref="Lines"/>.
/// </summary>
internal sealed class HooziScript : IAsyncDisposable
{
    private HooziScript(LuaHost host, HooziDialect dialect, RecordingLog log)
    {
        (Host, Dialect, Log) = (host, dialect, log);
    }

    // print's own separator (a tab), so a line reads as it would on a terminal.
    private static ReadOnlySpan<byte> PrintToLog => """
        print = function(...)
            local values = table.pack(...)
            for i = 1, values.n do values[i] = tostring(values[i]) end
            moonwire.log("info", table.concat(values, "\t", 1, values.n))
        end
        """u8;

    public LuaHost Host { get; }

    public HooziDialect Dialect { get; }

    public RecordingLog Log { get; }

    public IReadOnlyList<string> Lines => Log.At(HostLogLevel.Info);

    public IReadOnlyList<string> Errors => Log.At(HostLogLevel.Error);

    /// <summary>Runs <paramref name="source"/> as the file <c>script.lua</c> under <paramref name="root"/>; the host stops once idle.</summary>
    public static Task<HooziScript> StartAsync(string source, string? root = null, params string[] args) =>
        StartAsync(new HooziDialect(), source, root, args);

    /// <summary>The same on a dialect the test configured.</summary>
    public static async Task<HooziScript> StartAsync(HooziDialect dialect, string source, string? root = null, params string[] args)
    {
        root ??= Directory.CreateTempSubdirectory("hoozi-").FullName;
        var log = new RecordingLog();
        var host = new LuaHost(new LuaHostOptions { Log = log, Root = new ScriptRoot(root) });
        await host.InvokeAsync(() =>
        {
            dialect.Register(host);
            host.RunChunk(PrintToLog, "=print");
            host.RunChunk(Encoding.UTF8.GetBytes(source), "@" + Path.Combine(root, "script.lua"), args);
        });
        host.StopWhenIdle();
        return new HooziScript(host, dialect, log);
    }

    public static Task<HooziScript> StartExampleAsync(string name, params string[] args) =>
        StartAsync(File.ReadAllText(Repository.Example(name)), null, args);

    /// <summary>Waits until the script has nothing left to do.</summary>
    public async Task Finished(int seconds = 10)
    {
        try
        {
            await Host.Completion.WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the script is still running; it printed:\n{Printed}");
        }
    }

    /// <summary>Waits until a printed line satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLine(Func<string, bool> match, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"no matching line; the script printed:\n{Printed}");
    }

    private string Printed => $"{string.Join('\n', Lines)}\nerrors:\n{string.Join('\n', Errors)}";

    /// <summary>Runs a chunk on the host thread (for calls made after the script started).</summary>
    public Task Run(string source) => Host.InvokeAsync(() => Host.RunChunk(Encoding.UTF8.GetBytes(source), "=test"));

    public async ValueTask DisposeAsync() => await Host.StopAsync();
}
