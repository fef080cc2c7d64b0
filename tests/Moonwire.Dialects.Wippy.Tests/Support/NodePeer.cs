using System.Diagnostics;

namespace Moonwire.Dialects.Wippy.Tests.Support;

/// <summary>A node script from tests/peers/node (after <c>npm ci</c> there) that prints "listening PORT"; killed on dispose.</summary>
internal sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodePeer(string script, string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(Repository.Root, "tests", "peers", "node"),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("listening ", StringComparison.Ordinal) == true)
            {
                _port.TrySetResult(int.Parse(e.Data["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        _process.BeginOutputReadLine();
    }

    public static NodePeer Start(string script, params string[] arguments) => new(script, arguments);

    public async Task<string> UrlAsync() => $"ws://127.0.0.1:{await _port.Task.WaitAsync(WippyScript.Patience)}";

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(WippyScript.Patience);
        _process.Dispose();
    }
}
