using System.Diagnostics;
using System.Globalization;

namespace Moonwire.Conformance.Fuzzing;

/// <summary>
/// What crossed the wire during one case, with times; shown in the report when a case fails. A long
/// case keeps its first and its last entries: the start shows what was sent, the end how it ended.
/// </summary>
public sealed class WireLog
{
    private const int Kept = 200;
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _dropped;

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_head)
            {
                return _dropped == 0 ? [.. _head, .. _tail] : [.. _head, $"… {_dropped} entries not kept", .. _tail];
            }
        }
    }

    public void Add(string entry)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalMilliseconds,9:F1} ms  {entry}");
        lock (_head)
        {
            if (_head.Count < Kept)
            {
                _head.Add(line);
                return;
            }

            _tail.Enqueue(line);
            if (_tail.Count > Kept)
            {
                _tail.Dequeue();
                _dropped++;
            }
        }
    }

    public static string Octets(ReadOnlySpan<byte> payload) =>
        payload.Length <= 48 ? Convert.ToHexString(payload) : $"{Convert.ToHexString(payload[..48])}… ({payload.Length} octets)";
}
