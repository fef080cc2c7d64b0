using Moonwire.Conformance.Cases;

namespace Moonwire.Conformance;

/// <summary>The counts of one run, and every case's result.</summary>
public sealed record ConformanceSummary(string Agent, IReadOnlyList<CaseResult> Results)
{
    public int Cases => Results.Count;

    public int Ok => Count(Verdict.Ok);

    public int NonStrict => Count(Verdict.NonStrict);

    public int Informational => Count(Verdict.Informational);

    public int Unimplemented => Count(Verdict.Unimplemented);

    public int Failed => Count(Verdict.Failed);

    /// <summary>How a client agent ended when it did not ask for the reports (it exited or stalled), with its last output; else null.</summary>
    public string? AgentEnd { get; init; }

    /// <summary>The line both CLI forms print last.</summary>
    public string Line => $"cases: {Cases}, ok: {Ok}, non-strict: {NonStrict}, informational: {Informational}, unimplemented: {Unimplemented}, failed: {Failed}"
        + (AgentEnd is null ? "" : $" ({AgentEnd})");

    /// <summary>The ids of the cases with this overall verdict.</summary>
    public IReadOnlyList<string> With(Verdict verdict) => [.. Results.Where(r => r.Outcome.Overall == verdict).Select(r => r.Case.Id)];

    private int Count(Verdict verdict) => Results.Count(r => r.Outcome.Overall == verdict);
}
