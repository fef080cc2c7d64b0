using System.Collections.Concurrent;
using Moonwire.Lua;

namespace Moonwire.Dialects.Hoozi.Tests;

/// <summary>Keeps every line the script and the host logged.</summary>
internal sealed class RecordingLog : HostLog
{
    private readonly ConcurrentQueue<(HostLogLevel Level, string Message)> _entries = new();

    public RecordingLog()
    {
        MinimumLevel = HostLogLevel.Debug;
    }

    public IReadOnlyList<string> At(HostLogLevel level) =>
        [.. _entries.Where(entry => entry.Level == level).Select(entry => entry.Message)];

    public override void Write(HostLogLevel level, string message) => _entries.Enqueue((level, message));
}
