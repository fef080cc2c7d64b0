using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Conformance.Tests.Support;

/// <summary>
/// A testee in a child process: a node script from tests/peers/node ("listening PORT") or the moonwire
/// command ("listening on URL"). Killed with its process tree on dispose.
/// </summary>
internal sealed class TesteeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TesteeProcess(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>tests/peers/node, where `npm ci` installed ws.</summary>
    public static string NodeFolder { get; } = FindNodeFolder();

    /// <summary>The moonwire command, copied beside the tests by the project reference.</summary>
    public static string Moonwire { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "moonwire.exe" : "moonwire");

    public static TesteeProcess Node(params string[] arguments) => new("node", NodeFolder, arguments);

    public static TesteeProcess MoonwireEchoServer() => new(Moonwire, AppContext.BaseDirectory, ["echo-server", "--port", "0"]);

    public async Task<Uri> UrlAsync() => await _url.Task.WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);

    private void OnLine(string? line)
    {
        if (line?.StartsWith("listening on ", StringComparison.Ordinal) == true)
        {
            _url.TrySetResult(new Uri(line["listening on ".Length..]));
        }
        else if (line?.StartsWith("listening ", StringComparison.Ordinal) == true)
        {
            _url.TrySetResult(new Uri($"ws://127.0.0.1:{int.Parse(line.AsSpan("listening ".Length), CultureInfo.InvariantCulture)}"));
        }
    }

    private static string FindNodeFolder()
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
