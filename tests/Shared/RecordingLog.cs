using System.Collections.Concurrent;
using Moonwire.Lua;

namespace Moonwire.Testing;

/// <summary>
/// A host log that keeps every line, so a test reads what a script printed and what failed, and can
/// wait for lines that arrive from the host thread. Linked into each test project that runs scripts.
/// </summary>
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

    /// <summary>Waits until <paramref name="count"/> lines were logged at <paramref name="level"/>; fails the test after <paramref name="timeout"/>.</summary>
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

    /// <summary>Waits until <paramref name="line"/> was logged at Info; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string line, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!At(HostLogLevel.Info).Contains(line))
        {
            try
            {
                await _written.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"expected '{line}' within {timeout}, got: {string.Join(" | ", At(HostLogLevel.Info))}");
            }
        }
    }
}
