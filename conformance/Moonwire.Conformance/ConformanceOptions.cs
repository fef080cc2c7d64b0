namespace Moonwire.Conformance;

/// <summary>What to run and where to write the reports.</summary>
public sealed record ConformanceOptions
{
    /// <summary>Folder for index.json and summary.md (created if missing).</summary>
    public required string ReportDirectory { get; init; }

    /// <summary>Case patterns to run, e.g. "1.*", "12.1.*", "6.4.3"; "*" is every case.</summary>
    public IReadOnlyList<string> Cases { get; init; } = ["*"];

    /// <summary>Case patterns to leave out; group 9 (limits and performance) is slow, so "9.*" is common.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>The testee's name in the reports; the server's URL (server mode) or the agent's name (client mode) when null.</summary>
    public string? Agent { get; init; }

    /// <summary>
    /// Messages per compression case (groups 12 and 13). Autobahn sends 1000; a smaller count still walks
    /// every size, fragmentation and parameter combination, with context carried across messages.
    /// </summary>
    public int CompressionMessages { get; init; } = 1000;

    /// <summary>
    /// Added to every case timer (Autobahn's killAfter) before a testee that has not closed is cut off:
    /// zero keeps Autobahn's timings; a loaded machine (CI, the test suites) needs a little slack.
    /// </summary>
    public TimeSpan CaseTimerSlack { get; init; } = TimeSpan.Zero;

    /// <summary>Longest a client agent may go without a connection, between cases, before the run gives up (client mode).</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
