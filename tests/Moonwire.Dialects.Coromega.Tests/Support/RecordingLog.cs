using System.Collections.Concurrent;
using Moonwire.Lua;

namespace Moonwire.Dialects.Coromega.Tests;

/// <summary>Keeps every log line; the scripts' print goes here too (see <see cref="CoromegaScript"/>).</summary>
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

    /// <summary>Waits until <paramref name="count"/> lines were logged at <paramref name="level"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(HostLogLevel level, int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (At(level).Count < count)
        {
            try
            {
                await _written.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"expected {count} {level} lines within {timeout}, got: {string.Join(" | ", At(level))}");
            }
        }

        return At(level);
    }
}
