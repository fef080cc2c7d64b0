using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>What crossed the wire during one case, with times; shown in the report when a case fails.</summary>
public sealed class WireLog
{
    private const int MaxEntries = 400;
    private readonly List<string> _entries = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _dropped;

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return _dropped == 0 ? [.. _entries] : [.. _entries, $"… {_dropped} more entries not kept"];
            }
        }
    }

    public void Add(string entry)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalMilliseconds,9:F1} ms  {entry}");
        lock (_entries)
        {
            if (_entries.Count < MaxEntries)
            {
                _entries.Add(line);
            }
            else
            {
                _dropped++;
            }
        }
    }

    public static string Octets(ReadOnlySpan<byte> payload) =>
        payload.Length <= 48 ? Convert.ToHexString(payload) : $"{Convert.ToHexString(payload[..48])}… ({payload.Length} octets)";
}
