using System.Diagnostics;

namespace Moonwire.Soak.Tests.Support;

/// <summary>
/// Node's ws holding many idle client connections in its own process (tests/peers/node/idle-clients.js):
/// this process's open-file limit then covers only the server ends, and only they are measured here.
/// </summary>
internal sealed class IdleNodeClients : IDisposable
{
    private readonly Process _process;

    public IdleNodeClients(Uri url, int count)
    {
        var folder = Path.Combine(RepoRoot(), "tests", "peers", "node");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "ws")))
        {
            throw new InvalidOperationException($"The ws package is missing: run 'npm ci' in {folder} (scripts/setup does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("idle-clients.js");
        start.ArgumentList.Add(url.ToString());
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = Process.Start(start)!;
    }

    /// <summary>The next line the clients print ("open N", "closed N" or "error ...").</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout) =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(timeout) ?? "(exited)";

    /// <summary>Asks every client to close with 1000.</summary>
    public async Task CloseAllAsync()
    {
        await _process.StandardInput.WriteLineAsync("close");
        await _process.StandardInput.FlushAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bindings.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bindings.sln not found above the test binaries.");
    }
}
