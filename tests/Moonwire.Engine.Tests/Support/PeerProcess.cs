using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Moonwire.Engine.Tests.Support;

public enum PeerKind
{
    NodeWs,
    PythonWebsockets,
}

/// <summary>
/// A real peer in a child process (Node ws, python-websockets). Servers print "listening PORT"; checkers
/// print one result line and exit. Killed with its process tree on dispose.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A peer's echo server ("listening PORT", then echoes every message).</summary>
    public static PeerProcess EchoServer(PeerKind kind, bool deflate) => kind == PeerKind.NodeWs
        ? Node(["echo-server.js", .. DeflateFlag(deflate)])
        : Python(["echo-server", .. DeflateFlag(deflate)]);

    /// <summary>A peer's client sending every interop size to <paramref name="url"/> and checking the echoes.</summary>
    public static PeerProcess EchoCheck(PeerKind kind, Uri url, bool deflate)
    {
        string[] rest = [url.ToString(), .. DeflateFlag(deflate), .. Payloads.InteropSizes.Select(s => s.ToString(CultureInfo.InvariantCulture))];
        return kind == PeerKind.NodeWs ? Node(["echo-check.js", .. rest]) : Python(["echo-check", .. rest]);
    }

    private static string[] DeflateFlag(bool deflate) => deflate ? ["--deflate"] : [];

    private static PeerProcess Node(params string[] arguments)
    {
        var folder = RepoPaths.Of("tests", "peers", "node");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "ws")))
        {
            throw new InvalidOperationException($"The ws package is missing: run 'npm ci' in {folder} (.ci/run does).");
        }

        return new PeerProcess("node", arguments, folder);
    }

    /// <summary>Debian's python3, which has python3-websockets (a pyenv python on PATH may not).</summary>
    private static PeerProcess Python(params string[] arguments) =>
        new("/usr/bin/python3", [RepoPaths.Of("tests", "peers", "python", "peers.py"), .. arguments], RepoPaths.Root);

    /// <summary>Waits for a server peer's "listening PORT" line.</summary>
    public async Task<int> PortAsync() =>
        await _port.Task.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);

    /// <summary>Waits for a checker peer to exit; returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("listening ", StringComparison.Ordinal))
        {
            _port.TrySetResult(int.Parse(line.AsSpan("listening ".Length), CultureInfo.InvariantCulture));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
