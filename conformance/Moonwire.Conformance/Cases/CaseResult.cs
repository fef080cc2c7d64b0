namespace Moonwire.Conformance.Cases;

/// <summary>A case as run against one testee.</summary>
public sealed record CaseResult(CaseDefinition Case, CaseOutcome Outcome, TimeSpan Duration);
