using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Conformance.Tests.Support;

/// <summary>A node script from tests/peers/node; servers print "listening PORT". Killed on dispose.</summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public NodePeer(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                _port.TrySetResult(int.Parse(e.Data.AsSpan("listening ".Length), CultureInfo.InvariantCulture));
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>tests/peers/node, where `npm ci` installed ws.</summary>
    public static string Folder { get; } = FindFolder();

    public async Task<Uri> UrlAsync() =>
        new($"ws://127.0.0.1:{await _port.Task.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false)}");

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "tests", "peers", "node");
            if (File.Exists(Path.Combine(dir.FullName, "Bindings.sln")))
            {
                return Directory.Exists(Path.Combine(folder, "node_modules", "ws"))
                    ? folder
                    : throw new InvalidOperationException($"The ws package is missing: run 'npm ci' in {folder}.");
            }
        }

        throw new InvalidOperationException("Bindings.sln not found above " + AppContext.BaseDirectory);
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
