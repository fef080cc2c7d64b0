using System.Collections.Concurrent;
using Moonwire.Lua;

namespace Moonwire.Dialects.Wippy.Tests.Support;

/// <summary>Keeps what the host logged; a test can wait for a line of output.</summary>
internal sealed class RecordingLog : HostLog
{
    private readonly ConcurrentQueue<(HostLogLevel Level, string Message)> _entries = new();
    private readonly SemaphoreSlim _written = new(0);

    public RecordingLog()
    {
        MinimumLevel = HostLogLevel.Debug;
    }

    public IReadOnlyList<string> At(HostLogLevel level) =>
        [.. _entries.Where(entry => entry.Level == level).Select(entry => entry.Message)];

    public override void Write(HostLogLevel level, string message)
    {
        _entries.Enqueue((level, message));
        _written.Release();
    }

    public async Task WaitForAsync(string line, TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        while (!At(HostLogLevel.Info).Contains(line))
        {
            await _written.WaitAsync(cts.Token);
        }
    }
}
