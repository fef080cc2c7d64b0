using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance;

/// <summary>
/// A testee's written list of expected results: every case is OK unless listed as
/// <c>CASE VERDICT REASON</c> (e.g. <c>6.4.3 NON-STRICT validates UTF-8 per frame</c>); '#' starts a comment.
/// </summary>
public sealed class ConformanceExpectations
{
    private readonly Dictionary<string, (Verdict Verdict, string Reason)> _exceptions;

    private ConformanceExpectations(Dictionary<string, (Verdict, string)> exceptions) => _exceptions = exceptions;

    public static ConformanceExpectations Load(string path)
    {
        var exceptions = new Dictionary<string, (Verdict, string)>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            var verdict = Enum.GetValues<Verdict>().FirstOrDefault(v => parts.Length == 3 && v.Label() == parts[1], Verdict.Ok);
            if (parts.Length < 3 || verdict == Verdict.Ok)
            {
                throw new FormatException($"{path}: expected 'CASE VERDICT REASON' with a verdict other than OK, got '{raw}'");
            }

            exceptions[parts[0]] = (verdict, parts[2]);
        }

        return new ConformanceExpectations(exceptions);
    }

    /// <summary>One line per case whose verdict differs from the expectation; empty when all match.</summary>
    public IReadOnlyList<string> Mismatches(ConformanceSummary summary) =>
    [
        .. summary.Results
            .Select(r => (r.Case.Id, Actual: r.Outcome.Overall, Expected: _exceptions.TryGetValue(r.Case.Id, out var e) ? e.Verdict : Verdict.Ok))
            .Where(x => x.Actual != x.Expected)
            .Select(x => $"{x.Id}: expected {x.Expected.Label()}, got {x.Actual.Label()}"),
    ];
}
