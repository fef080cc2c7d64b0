namespace Moonwire.Conformance.Cases;

/// <summary>The judgement of one case, with its wire log.</summary>
public sealed record CaseOutcome(
    Verdict Behavior,
    string Result,
    Verdict BehaviorClose,
    string ResultClose,
    int? RemoteCloseCode,
    IReadOnlyList<string> WireLog)
{
    public Verdict Overall => VerdictNames.Overall(Behavior, BehaviorClose);

    /// <summary>The case never reached its script: the connection or the opening handshake failed.</summary>
    public static CaseOutcome NotOpened(string why) =>
        new(Verdict.Failed, $"The connection could not be opened: {why}", Verdict.Failed, "No connection.", null, []);
}
